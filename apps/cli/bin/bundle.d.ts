export function freshBundle(entry: string, outFile: string): Promise<string>;
export const cliBundle: { entry: string; outFile: string };
