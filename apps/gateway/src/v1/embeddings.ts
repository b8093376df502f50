import { handleInference, type V1Context } from "./handle-inference.js";

/** `POST /v1/embeddings`: one vector per input; never streamed. */
export function embeddings(v1: V1Context, request: Request): Promise<Response> {
  return handleInference(v1, request, "embeddings", "embeddings");
}
