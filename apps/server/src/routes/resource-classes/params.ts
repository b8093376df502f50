import { z } from "zod";

export const classParams = z.object({ name: z.string().min(1).max(100).describe("resource class name") });
