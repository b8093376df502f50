import { main } from "../src/trainer/cli.js";

process.exitCode = await main(process.argv.slice(2));
