import { main } from "../src/serving/replica-main.js";

process.exitCode = await main(process.argv.slice(2));
