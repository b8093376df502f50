// `@infera/server/testing`: a real server on a fresh database and an HTTP client, for suites outside this app (bench).

export { type ChildServer, startChildServer, stopProcess } from "./child-server.js";
export { startFixedAnswerUpstream, type UpstreamCall } from "./fixed-answer-upstream.js";
export { type HttpClient, httpClient, loginAs, type TestResponse } from "./http.js";
export { startTestServer, TEST_ADMIN, testPasswordCost } from "./test-server.js";
export { uploadBytes } from "./upload-bytes.js";
export { createWorld, unique, type World } from "./world.js";
