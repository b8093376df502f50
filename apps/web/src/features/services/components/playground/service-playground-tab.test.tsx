import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi } from "../../../../test/fake-api";
import { permissions } from "../../../../test/fixtures";
import { renderUi } from "../../../../test/render";
import { revision, serviceDetail, svcIds } from "../../test/service-detail-fixtures";
import { comparisonLink, ServicePlaygroundTab } from "./service-playground-tab";

const CHAT = `POST /api/v1/services/${svcIds.service}/playground/chat`;
const PERMS = "GET /api/v1/auth/permissions";

/** A Server-Sent Events body the test writes chunk by chunk. */
function sse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  const send = (data: unknown) =>
    controller.enqueue(encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`));
  return {
    stream,
    token: (content: string) =>
      send({ id: "c", choices: [{ index: 0, delta: { content }, finish_reason: null }] }),
    usage: (prompt: number, completion: number) =>
      send({
        id: "c",
        choices: [],
        usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
      }),
    done() {
      send("[DONE]");
      controller.close();
    },
  };
}

const allowed = { [PERMS]: permissions(["service.playground"]) };

async function typeAndSend(user: ReturnType<typeof renderUi>["user"], text: string) {
  const box = screen.getByRole("textbox", { name: "Message" });
  await waitFor(() => expect(box).toBeEnabled());
  await user.type(box, `${text}{Enter}`);
}

describe("ServicePlaygroundTab", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends the prompt with the parameters, renders the streamed tokens as they come and the usage", async () => {
    const answer = sse();
    const { requests } = fakeApi({
      ...allowed,
      [CHAT]: () => ({
        stream: answer.stream,
        headers: { "x-infera-log-content": "true", "x-infera-revision": svcIds.rev1 },
      }),
    });
    const { user } = renderUi(<ServicePlaygroundTab service={serviceDetail()} projectId="proj_1" />);
    await typeAndSend(user, "hello");
    await waitFor(() => expect(requests.some((r) => r.method === "POST")).toBe(true));
    const sent = requests.find((r) => r.method === "POST")!;
    expect(sent.body).toEqual({
      messages: [{ role: "user", content: "hello" }],
      temperature: 0.7,
      top_p: 1,
      max_tokens: 256,
      stream: true,
    });
    expect(sent.headers.get("accept")).toBe("text/event-stream");
    answer.token("Hel");
    expect(await screen.findByText("Hel")).toBeInTheDocument();
    answer.token("lo!");
    expect(await screen.findByText("Hello!")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Stop/ })).toBeEnabled();
    answer.usage(1, 2);
    answer.done();
    expect(await screen.findByText("Tokens: prompt 1 · completion 2 · total 3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Stop/ })).toBeDisabled();
    expect(screen.queryByText(/are not logged/)).not.toBeInTheDocument();
  });

  it("shows the raw request and response, and sends the history with the system prompt", async () => {
    const answer = sse();
    const { requests } = fakeApi({ ...allowed, [CHAT]: () => ({ stream: answer.stream }) });
    const { user } = renderUi(<ServicePlaygroundTab service={serviceDetail()} projectId="proj_1" />);
    await typeAndSend(user, "hello");
    answer.token("Hel");
    answer.done();
    await screen.findByText("Hel");
    await user.click(screen.getByText("Raw request"));
    expect(await screen.findByLabelText("Raw request")).toHaveTextContent('"content": "hello"');
    await user.click(screen.getByText("Raw response"));
    const raw = await screen.findByLabelText("Raw response");
    expect(raw).toHaveTextContent('data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hel"}');
    expect(raw).toHaveTextContent("data: [DONE]");

    await user.type(screen.getByLabelText("System prompt"), "Brief.");
    const second = sse();
    fakeApi({ ...allowed, [CHAT]: () => ({ stream: second.stream }) });
    await typeAndSend(user, "more");
    second.done();
    await screen.findByText("more");
    const next = (
      globalThis.fetch as unknown as { mock: { calls: [string, RequestInit][] } }
    ).mock.calls.find(([, init]) => init.method === "POST")!;
    expect(JSON.parse(next[1].body as string).messages).toEqual([
      { role: "system", content: "Brief." },
      { role: "user", content: "hello" },
      { role: "assistant", content: "Hel" },
      { role: "user", content: "more" },
    ]);
    expect(requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("shows the JSON answer's usage when streaming is off and sends a JSON schema format", async () => {
    const { requests } = fakeApi({
      ...allowed,
      [CHAT]: () => ({
        body: {
          id: "x",
          choices: [
            { index: 0, message: { role: "assistant", content: '{"answer":"42"}' }, finish_reason: "stop" },
          ],
          usage: { prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 },
        },
      }),
    });
    const { user } = renderUi(<ServicePlaygroundTab service={serviceDetail()} projectId="proj_1" />);
    await user.click(screen.getByRole("switch", { name: "Stream" }));
    await user.click(screen.getByRole("combobox", { name: "Response format" }));
    await user.click(await screen.findByTitle("JSON schema"));
    await typeAndSend(user, "question");
    expect(await screen.findByText('{"answer":"42"}')).toBeInTheDocument();
    expect(screen.getByText("Tokens: prompt 4 · completion 5 · total 9")).toBeInTheDocument();
    const sent = requests.find((r) => r.method === "POST")!.body as Record<string, unknown>;
    expect(sent.stream).toBe(false);
    expect(sent.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "playground" } });
  });

  it("sends the same prompt to two pinned revisions and streams each column", async () => {
    const service = serviceDetail({
      revisions: [
        revision({ traffic_percent: 90 }),
        revision({ id: svcIds.rev2, number: 2, traffic_percent: 10, config_hash: "b".repeat(64) }),
      ],
    });
    const streams = new Map<string, ReturnType<typeof sse>>();
    const { requests } = fakeApi({
      ...allowed,
      [CHAT]: (req) => {
        const s = sse();
        streams.set((req.body as { revision_id: string }).revision_id, s);
        return { stream: s.stream };
      },
    });
    const { user } = renderUi(<ServicePlaygroundTab service={service} projectId="proj_1" />);
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Message" })).toBeEnabled());
    await user.click(screen.getByRole("combobox", { name: "Revision" }));
    await user.click(await screen.findByTitle("r1 (90%)"));
    await user.click(screen.getByRole("switch", { name: "Compare with another revision" }));
    expect(screen.getByRole("combobox", { name: "Second revision" })).toBeInTheDocument();
    await typeAndSend(user, "same prompt");
    await waitFor(() => expect(streams.size).toBe(2));
    expect(
      requests.filter((r) => r.method === "POST").map((r) => (r.body as { messages: unknown }).messages),
    ).toEqual([[{ role: "user", content: "same prompt" }], [{ role: "user", content: "same prompt" }]]);
    streams.get(svcIds.rev1)!.token("left answer");
    streams.get(svcIds.rev2)!.token("right answer");
    const left = screen.getByRole("region", { name: "Conversation: r1 (90%)" });
    const right = screen.getByRole("region", { name: "Conversation: r2 (10%)" });
    expect(await within(left).findByText("left answer")).toBeInTheDocument();
    expect(await within(right).findByText("right answer")).toBeInTheDocument();
    expect(within(left).queryByText("right answer")).not.toBeInTheDocument();
    for (const s of streams.values()) s.done();
    // A comparison evaluation of the two revisions starts from here, with the prompt.
    const evaluation = screen.getByRole("button", { name: "Start a comparison evaluation" });
    expect(evaluation).toBeEnabled();
    expect(comparisonLink(serviceDetail(), "proj_1", [svcIds.rev1, svcIds.rev2], " same prompt ")).toBe(
      `/t/${serviceDetail().tenant_id}/p/proj_1/evaluation/new?kind=side_by_side&service_id=${serviceDetail().id}&revision_id=${svcIds.rev1}&revision_id=${svcIds.rev2}&prompt=same+prompt`,
    );
  });

  it("stops a streaming answer, keeping what came, and the request is aborted", async () => {
    const answer = sse();
    const { fetchMock } = fakeApi({ ...allowed, [CHAT]: () => ({ stream: answer.stream }) });
    const { user } = renderUi(<ServicePlaygroundTab service={serviceDetail()} projectId="proj_1" />);
    await typeAndSend(user, "tell me a long story");
    answer.token("Once upon");
    await screen.findByText("Once upon");
    await user.click(screen.getByRole("button", { name: /Stop/ }));
    expect(await screen.findByText("Stopped")).toBeInTheDocument();
    expect(screen.getByText("Once upon")).toBeInTheDocument();
    const init = fetchMock.mock.calls.find(([, i]) => i?.method === "POST")![1]!;
    expect(init.signal?.aborted).toBe(true);
    await user.click(screen.getByRole("button", { name: /Clear conversation/ }));
    expect(screen.queryByText("Once upon")).not.toBeInTheDocument();
    expect(screen.getByText("Send a message to start the conversation.")).toBeInTheDocument();
  });

  it("shows the route's error in the chat", async () => {
    fakeApi({
      ...allowed,
      [CHAT]: () => apiError(503, "service_unavailable", "no ready replica within 30 s", "req_pg1"),
    });
    const { user } = renderUi(<ServicePlaygroundTab service={serviceDetail()} projectId="proj_1" />);
    await typeAndSend(user, "hi");
    expect(await screen.findByText(/no ready replica within 30 s/)).toBeInTheDocument();
    expect(screen.getByText(/req_pg1/)).toBeInTheDocument();
  });

  it("says in Prod that prompts and responses are not logged, in both languages", async () => {
    fakeApi(allowed);
    renderUi(<ServicePlaygroundTab service={serviceDetail({ env: "prod" })} projectId="proj_1" />);
    expect(
      screen.getByText(/Prod project: prompts and responses in the playground are not logged/),
    ).toBeInTheDocument();
    vi.unstubAllGlobals();
    fakeApi(allowed);
    renderUi(<ServicePlaygroundTab service={serviceDetail({ env: "prod" })} projectId="proj_1" />, {
      lang: "zh-CN",
    });
    expect(screen.getByText(/Playground 的 prompt 与 response 不会被记录/)).toBeInTheDocument();
  });

  it("is locked with the reason without the permission or a ready revision", async () => {
    fakeApi({ [PERMS]: permissions([], { "service.playground": "viewers only read this project" }) });
    const { unmount } = renderUi(<ServicePlaygroundTab service={serviceDetail()} projectId="proj_1" />);
    expect(await screen.findByText("viewers only read this project")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Message" })).toBeDisabled();
    expect(screen.getByRole("button", { name: /Send/ })).toBeDisabled();
    unmount();
    vi.unstubAllGlobals();
    fakeApi(allowed);
    renderUi(
      <ServicePlaygroundTab
        service={serviceDetail({ revisions: [revision({ current_state: "starting" })] })}
        projectId="proj_1"
      />,
    );
    expect(await screen.findByText(/No revision of this service is ready/)).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Message" })).toBeDisabled();
  });
});
