import { z } from "zod";
import { freeText, nameField, Timestamp } from "./common.js";
import { FineTuneTemplateConfig } from "./fine-tuning.js";

/**
 * Fine-tuning job templates: a project's saved job configurations (seed 004). A job is created from
 * one with `template_id` on `POST …/fine-tuning/jobs`; the request's own fields override it.
 */
export const FineTuneTemplate = z.object({
  id: z.string(),
  tenant_id: z.string(),
  project_id: z.string(),
  /** Unique in the project, ignoring case. */
  name: z.string(),
  description: z.string(),
  config: FineTuneTemplateConfig,
  created_by: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type FineTuneTemplate = z.infer<typeof FineTuneTemplate>;

const templateFields = {
  name: nameField(2, 64),
  description: freeText(1000),
  config: FineTuneTemplateConfig,
};

/** A job's exported configuration (`GET …/jobs/{id}/config`) less its `name` saves a job as a template. */
export const CreateFineTuneTemplateInput = z
  .object({
    name: templateFields.name,
    description: templateFields.description.default(""),
    config: templateFields.config,
  })
  .strict();
export type CreateFineTuneTemplateInput = z.infer<typeof CreateFineTuneTemplateInput>;

/** Omitted fields stay; a new `config` replaces the whole configuration. */
export const UpdateFineTuneTemplateInput = z
  .object({
    name: templateFields.name.optional(),
    description: templateFields.description.optional(),
    config: templateFields.config.optional(),
  })
  .strict();
export type UpdateFineTuneTemplateInput = z.infer<typeof UpdateFineTuneTemplateInput>;
