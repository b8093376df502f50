import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, type RecordedRequest } from "../../../test/fake-api";
import { page, permissions } from "../../../test/fixtures";
import { renderUi } from "../../../test/render";
import { meBody, rating, sample, sbsRun, winRate } from "../test/sbs-fixtures";
import { SideBySideTab } from "./side-by-side-tab";

const RUN = "/api/v1/evaluations/evr_1";
const at = {
  route: "/t/ten_1/p/proj_1/evaluation/evr_1",
  path: "/t/:tenantId/p/:projectId/evaluation/:evalRunId",
};

const samples = [
  sample({ index: 0, target: "a", output: "Paris is the capital.", reference: "Paris" }),
  sample({ index: 0, target: "b", output: "Lyon is the capital." }),
  sample({ index: 1, target: "a", input: "Say hi", output: "hi" }),
  sample({ index: 1, target: "b", input: "Say hi", output: "hello" }),
  sample({ index: 2, target: "a", input: "Count to three", output: "1 2 3" }),
  sample({ index: 2, target: "b", input: "Count to three", output: "one two three" }),
];

function world({
  allowed = ["evaluation.rate", "evaluation.export_preferences"],
  denied = {} as Record<string, string>,
  ratings = [] as ReturnType<typeof rating>[],
  put = (req: RecordedRequest) =>
    ({
      body: { data: rating({ ...(req.body as object), index: (req.body as { index: number }).index }) },
    }) as {
      status?: number;
      body: unknown;
    },
  extra = {} as Parameters<typeof fakeApi>[0],
  rates = [
    winRate({
      ratings: 0,
      raters: 0,
      a_wins: 0,
      b_wins: 0,
      ties: 0,
      win_rate_a: null,
      ci_low: null,
      ci_high: null,
    }),
  ],
} = {}) {
  let winRateCalls = 0;
  const api = fakeApi({
    "GET /api/v1/auth/me": () => meBody(),
    "GET /api/v1/auth/permissions": permissions(allowed, denied),
    [`GET ${RUN}/samples`]: () => page(samples),
    [`GET ${RUN}/ratings`]: (req) => {
      const index = req.query.get("index");
      return page(index === null ? ratings : ratings.filter((r) => r.index === Number(index)));
    },
    [`PUT ${RUN}/ratings`]: (req) => {
      const res = put(req);
      // The server keeps what it accepted: the lists read after the save include it.
      if (!res.status) ratings.push((res.body as { data: ReturnType<typeof rating> }).data);
      return res;
    },
    [`GET ${RUN}/win-rate`]: () => ({ body: { data: rates[Math.min(winRateCalls++, rates.length - 1)] } }),
    ...extra,
  });
  return api;
}

const promptText = () => document.querySelector("[data-prompt]")?.textContent;

describe("SideBySideTab", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("moves between prompts with the buttons and j/k, and jumps to the next unrated one", async () => {
    const { requests } = world({ ratings: [rating({ index: 1 })] });
    const { user } = renderUi(<SideBySideTab run={sbsRun()} />, at);
    expect(await screen.findByText("Prompt 1 of 3")).toBeInTheDocument();
    expect(promptText()).toBe("What is the capital of France?");
    expect(document.querySelector("[data-reference]")).toHaveTextContent("Paris");
    // The generation parameters and both targets' labels.
    expect(screen.getByText("0.3")).toBeInTheDocument();
    expect(screen.getByText("128")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "A · support@r1" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "B · support@r2" })).toBeInTheDocument();
    const sampleQuery = requests.find((r) => r.path === `${RUN}/samples`)!.query;
    expect(sampleQuery.get("order")).toBe("index");

    await user.click(screen.getByRole("button", { name: /Next$/ }));
    expect(screen.getByText("Prompt 2 of 3")).toBeInTheDocument();
    expect(promptText()).toBe("Say hi");
    await user.keyboard("j");
    expect(screen.getByText("Prompt 3 of 3")).toBeInTheDocument();
    await user.keyboard("k");
    expect(screen.getByText("Prompt 2 of 3")).toBeInTheDocument();
    // Prompt 2 (index 1) is rated: the next unrated from here is 3, then 1.
    await waitFor(() => expect(screen.getByText("You rated 1 of 3")).toBeInTheDocument());
    await user.keyboard("u");
    expect(screen.getByText("Prompt 3 of 3")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /Next unrated/ }));
    expect(screen.getByText("Prompt 1 of 3")).toBeInTheDocument();
    // Typing in the note is text, not a shortcut.
    await user.type(await screen.findByRole("textbox", { name: "Note" }), "jk");
    expect(screen.getByText("Prompt 1 of 3")).toBeInTheDocument();
  });

  it("highlights the words each output does not share", async () => {
    world();
    const { user } = renderUi(<SideBySideTab run={sbsRun()} />, at);
    await screen.findByText("Prompt 1 of 3");
    expect([...document.querySelectorAll("mark[data-diff=a]")].map((m) => m.textContent)).toEqual(["Paris"]);
    expect([...document.querySelectorAll("mark[data-diff=b]")].map((m) => m.textContent)).toEqual(["Lyon"]);
    await user.click(screen.getByRole("switch", { name: "Highlight differences" }));
    expect(document.querySelectorAll("mark[data-diff]")).toHaveLength(0);
    expect(document.querySelector("[data-output=a]")).toHaveTextContent("Paris is the capital.");
  });

  it("loads the caller's rating of the prompt and counts the other raters", async () => {
    const { requests } = world({
      ratings: [
        rating({ index: 0, winner: "b", score_a: 2, score_b: 5, note: "B is precise" }),
        rating({ index: 0, rater_id: "usr_other", winner: "a" }),
        rating({ index: 0, rater_id: "usr_third", winner: "tie" }),
      ],
    });
    renderUi(<SideBySideTab run={sbsRun()} />, at);
    const note = await screen.findByRole("textbox", { name: "Note" });
    expect(note).toHaveValue("B is precise");
    expect(screen.getByRole("radio", { name: "B is better" })).toBeChecked();
    expect(screen.getByText("Other raters: 2")).toBeInTheDocument();
    expect(requests.some((r) => r.path === `${RUN}/ratings` && r.query.get("index") === "0")).toBe(true);
  });

  it("saves the rating with its scores, winner and note, at once, and reads the win rate again", async () => {
    const { requests } = world({
      rates: [
        winRate({
          ratings: 0,
          raters: 0,
          a_wins: 0,
          b_wins: 0,
          ties: 0,
          win_rate_a: null,
          ci_low: null,
          ci_high: null,
        }),
        winRate({
          ratings: 1,
          raters: 1,
          a_wins: 1,
          b_wins: 0,
          ties: 0,
          win_rate_a: 1,
          ci_low: 1,
          ci_high: 1,
        }),
      ],
    });
    const { user } = renderUi(<SideBySideTab run={sbsRun()} />, at);
    expect(await screen.findByText("No ratings yet")).toBeInTheDocument();
    const rateA = await screen.findByRole("radiogroup", { name: "Score of A" });
    await user.click(within(rateA).getAllByRole("radio")[3]!);
    const rateB = screen.getByRole("radiogroup", { name: "Score of B" });
    await user.click(within(rateB).getAllByRole("radio")[1]!);
    await user.click(screen.getByRole("radio", { name: "A is better" }));
    await user.type(screen.getByRole("textbox", { name: "Note" }), "  names the right city ");
    await user.click(screen.getByRole("button", { name: "Save rating" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    expect(requests.find((r) => r.method === "PUT")!.body).toEqual({
      index: 0,
      score_a: 4,
      score_b: 2,
      winner: "a",
      note: "names the right city",
    });
    expect(await screen.findByText("You rated 1 of 3")).toBeInTheDocument();
    expect(await screen.findByText("Saved")).toBeInTheDocument();
    // The win rate panel refreshes after the rating.
    expect(await screen.findByText("A wins 1 · B wins 0 · ties 0")).toBeInTheDocument();
  });

  it("shows the server's refusal and takes the optimistic rating back", async () => {
    world({ put: () => apiError(422, "validation_failed", "this run is not rateable", "req_rate1") });
    const { user } = renderUi(<SideBySideTab run={sbsRun()} />, at);
    await user.click(await screen.findByRole("radio", { name: "Tie" }));
    await user.click(screen.getByRole("button", { name: "Save and next" }));
    expect(await screen.findByText("this run is not rateable")).toBeInTheDocument();
    expect(screen.getByText("The rating of prompt 1 was not saved")).toBeInTheDocument();
    expect(screen.getByText(/req_rate1/)).toBeInTheDocument();
    expect(screen.getByText("Prompt 2 of 3")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText("You rated 0 of 3")).toBeInTheDocument());
  });

  it("is read-only without evaluation.rate, with the server's reason", async () => {
    world({ allowed: [], denied: { "evaluation.rate": "Viewers read evaluations only." } });
    renderUi(<SideBySideTab run={sbsRun()} />, at);
    expect(await screen.findByText("Viewers read evaluations only.")).toBeInTheDocument();
    expect(await screen.findByRole("textbox", { name: "Note" })).toBeDisabled();
    expect(screen.getByRole("radio", { name: "A is better" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Save rating" })).toBeDisabled();
    expect(screen.getByRole("button", { name: /Export as preference dataset/ })).toBeDisabled();
  });

  it("shows the win rate of A with its interval, wins and raters", async () => {
    world({ rates: [winRate()] });
    renderUi(<SideBySideTab run={sbsRun()} />, at);
    const panel = await screen.findByRole("region", { name: "Win rate" });
    expect(await within(panel).findByText("75%")).toBeInTheDocument();
    expect(within(panel).getByText("95% interval [50%, 100%]")).toBeInTheDocument();
    expect(within(panel).getByText("A wins 3 · B wins 1 · ties 0")).toBeInTheDocument();
    expect(within(panel).getByText("4 ratings by 2 raters")).toBeInTheDocument();
  });

  it("exports the ratings as a new preference dataset and links to the version written", async () => {
    const { requests } = world({
      extra: {
        [`POST ${RUN}/preferences`]: () => ({
          body: { data: { dataset_id: "ds_9", dataset_version_id: "dsv_9", records: 12 } },
        }),
      },
    });
    const { user } = renderUi(<SideBySideTab run={sbsRun()} />, at);
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /Export as preference dataset/ })).toBeEnabled(),
    );
    await user.click(screen.getByRole("button", { name: /Export as preference dataset/ }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByLabelText("Dataset name"), "support-prefs");
    const min = within(dialog).getByLabelText("Minimum ratings per prompt");
    await user.clear(min);
    await user.type(min, "2");
    await user.click(within(dialog).getByRole("button", { name: "Export" }));
    const link = await within(dialog).findByRole("link", { name: "Open dataset version dsv_9" });
    expect(link).toHaveAttribute("href", "/t/ten_1/p/proj_1/datasets/ds_9?version=dsv_9");
    expect(within(dialog).getAllByText("12 preference records written").length).toBeGreaterThan(0);
    expect(requests.find((r) => r.path === `${RUN}/preferences`)!.body).toEqual({
      dataset_name: "support-prefs",
      min_ratings: 2,
    });
  });

  it("says the run is still generating, with its progress, or that it failed", async () => {
    world();
    const { unmount } = renderUi(<SideBySideTab run={sbsRun({ status: "running", samples_done: 1 })} />, at);
    expect(screen.getByText("The evaluation is still generating answers")).toBeInTheDocument();
    expect(screen.getByText(/1 of 3 done/)).toBeInTheDocument();
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "33");
    unmount();
    renderUi(<SideBySideTab run={sbsRun({ status: "failed", error: "target b is not ready" })} />, at);
    expect(screen.getByText("This evaluation failed: there are no answers to rate")).toBeInTheDocument();
    expect(screen.getByText("target b is not ready")).toBeInTheDocument();
  });

  it("renders in Chinese", async () => {
    world({ rates: [winRate()] });
    renderUi(<SideBySideTab run={sbsRun()} />, { ...at, lang: "zh-CN" });
    expect(await screen.findByText("第 1 / 3 条 Prompt")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "保存评分" })).toBeInTheDocument();
    expect(await screen.findByText("A 胜 3 · B 胜 1 · 平局 0")).toBeInTheDocument();
  });
});
