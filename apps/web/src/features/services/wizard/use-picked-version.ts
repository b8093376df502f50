import type { Model } from "@infera/contracts";
import { useQuery } from "@tanstack/react-query";
import { Form, type FormInstance } from "antd";
import { useEffect } from "react";
import { api } from "../../../lib/client";
import type { ServiceWizardValues } from "./wizard-values";

/** The version a `tag:`/`version:` choice points at, given the model's tags. */
export function resolveRef(model: Model | undefined, ref: string | undefined): string | null {
  if (!ref) return null;
  if (ref.startsWith("version:")) return ref.slice("version:".length);
  const tag = ref.slice("tag:".length);
  return model?.tags.find((p) => p.tag === tag)?.version_id ?? null;
}

/**
 * The models the project may serve, the picked model's versions, and the version the choice resolves
 * to (what the server will store). A choice that names a version alone (Deploy from a fine-tuning
 * job) fills in its model.
 */
export function usePickedVersion(form: FormInstance<ServiceWizardValues>, projectId: string) {
  const modelId = Form.useWatch("model_id", { form, preserve: true }) as string | undefined;
  const ref = Form.useWatch("model_ref", { form, preserve: true }) as string | undefined;
  const models = useQuery({
    queryKey: ["models", "list", projectId, "service-wizard"],
    queryFn: () => api.models.list(projectId, { limit: 100 }),
  });
  const versions = useQuery({
    queryKey: ["models", "model", modelId ?? "", "versions", "recent", 50],
    queryFn: () => api.models.versions.list(modelId ?? "", { limit: 50, sort: "-created_at" }),
    enabled: Boolean(modelId),
  });
  const model = models.data?.data.find((m) => m.id === modelId);
  const resolved = resolveRef(model, ref);
  const version = useQuery({
    queryKey: ["models", "version", resolved ?? ""],
    queryFn: () => api.models.versions.get(resolved ?? ""),
    enabled: Boolean(resolved),
  });
  useEffect(() => {
    if (version.data && !form.getFieldValue("model_id"))
      form.setFieldValue("model_id", version.data.model_id);
  }, [version.data, form]);
  return { models, versions, model, resolved, version };
}

export type PickedVersion = ReturnType<typeof usePickedVersion>;
