import { describe, expect, it } from "vitest";
import { checkValues, defaultValues, fieldOf, toInput } from "./wizard-values";

describe("service wizard values", () => {
  it("maps contract paths and server fields to the form field and its step", () => {
    expect(fieldOf(["name"])).toEqual({ name: "name", step: "basics" });
    expect(fieldOf(["ip_allow_list", 1])).toEqual({ name: "ip_allow_list", step: "basics" });
    expect(fieldOf(["config", "model"])).toEqual({ name: "model_ref", step: "model" });
    expect(fieldOf(["config", "runtime", "kind"])).toEqual({ name: "runtime_kind", step: "runtime" });
    expect(fieldOf(["config", "runtime", "base_url"])).toEqual({ name: "base_url", step: "runtime" });
    expect(fieldOf(["resource_class"])).toEqual({ name: "resource_class", step: "resources" });
    expect(fieldOf(["config", "autoscaling", "scale_to_zero"])).toEqual({
      name: "scale_to_zero",
      step: "autoscaling",
    });
    expect(fieldOf(["strategy"])).toEqual({ name: null, step: null });
  });

  it("sends only the chosen runtime's settings and the allow-list of a public service", () => {
    const v = {
      ...defaultValues(),
      name: "up",
      exposure: "private" as const,
      ip_allow_list: "10.0.0.0/8",
      model_id: "mdl_1",
      model_ref: "tag:prod",
      runtime_kind: "openai-compatible" as const,
      context_size: 4096,
      base_url: " https://api.example.com ",
      api_key: "sk-1",
      resource_class: "cpu-2",
    };
    const body = toInput(v);
    expect(body.ip_allow_list).toEqual([]);
    expect(body.config.model).toEqual({ model_id: "mdl_1", tag: "prod" });
    expect(body.config.runtime).toEqual({
      kind: "openai-compatible",
      base_url: "https://api.example.com",
      api_key: "sk-1",
    });
  });

  it("puts the contract's refusals on their steps", () => {
    const issues = checkValues({
      ...defaultValues(`mv_${"0".repeat(25)}1`),
      name: "ok-name",
      resource_class: "cpu-2",
      min_replicas: 3,
      max_replicas: 2,
    });
    expect(issues).toEqual([
      { name: "max_replicas", step: "autoscaling", message: "max_replicas must be at least min_replicas" },
    ]);
  });
});
