export { exitCodeByErrorCode, exitCodeHelp } from "./lib/exit-codes.js";
