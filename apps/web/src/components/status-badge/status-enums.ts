/** The enums of seed 000 §7.2 (and the account enums of the console), with the colour of each value. */
export const statusEnums = {
  service_current_state: {
    pending: "default",
    downloading: "processing",
    starting: "processing",
    ready: "success",
    inactive: "default",
    failed: "error",
  },
  service_desired_state: { active: "success", inactive: "default" },
  fine_tuning_status: {
    queued: "default",
    starting: "processing",
    running: "processing",
    canceling: "warning",
    succeeded: "success",
    failed: "error",
    canceled: "warning",
  },
  model_owner_type: { platform: "processing", tenant: "default" },
  model_visibility: { private: "default", tenant_shared: "processing", public: "success" },
  model_artifact_type: { full: "default", adapter: "processing", merged: "success" },
  account_status: { active: "success", invited: "processing", disabled: "default" },
  invitation_status: { pending: "processing", accepted: "success", revoked: "default", expired: "warning" },
  api_key_status: { active: "success", revoked: "default", expired: "warning" },
  env: { dev: "default", test: "processing", prod: "error" },
} as const satisfies Record<string, Record<string, BadgeColor>>;

export type BadgeColor = "success" | "processing" | "default" | "error" | "warning";
export type StatusKind = keyof typeof statusEnums;
