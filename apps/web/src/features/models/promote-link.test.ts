import { describe, expect, it } from "vitest";
import { promoteRequestFromQuery } from "./promote-link";

describe("promoteRequestFromQuery", () => {
  it("opens the promote dialog for the linked version with the evaluation as evidence", () => {
    expect(
      promoteRequestFromQuery(
        new URLSearchParams("tab=tags&promote=prod&promote_version=mv_2&evidence=evr_g"),
      ),
    ).toEqual({ mode: "promote", tag: "prod", versionId: "mv_2", evaluationRunId: "evr_g" });
    expect(promoteRequestFromQuery(new URLSearchParams("promote=prod&promote_version=mv_2"))).toEqual({
      mode: "promote",
      tag: "prod",
      versionId: "mv_2",
    });
  });

  it("opens nothing without both the tag and the version", () => {
    expect(promoteRequestFromQuery(new URLSearchParams("tab=tags"))).toBeNull();
    expect(promoteRequestFromQuery(new URLSearchParams("promote=prod"))).toBeNull();
    expect(promoteRequestFromQuery(new URLSearchParams("promote_version=mv_2"))).toBeNull();
  });
});
