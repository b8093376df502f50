import { main } from "../src/serving/replica-main.js";

// Exit explicitly: after a failed start the model may still be loading in the background, and
// llama.cpp's threads must not keep a replica that has answered its error alive.
process.exit(await main(process.argv.slice(2)));
