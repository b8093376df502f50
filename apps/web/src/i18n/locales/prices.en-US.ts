import type { LocaleShape } from "../types";
import type { pricesZhCN } from "./prices.zh-CN";

export const pricesEnUS: LocaleShape<typeof pricesZhCN> = {
  title: "Price table",
  description:
    "What the usage page's cost estimates are made from: a model version per million tokens, a resource class per hour of a replica.",
  add: "Add price",
  addTitle: "Add a price",
  editTitle: "Change the price of {{subject}}",
  editOf: "Change the price of {{subject}}",
  deleteOf: "Delete the price of {{subject}}",
  deleteTitle: "Delete the price of {{subject}}?",
  deleteBody:
    "Later calls are no longer estimated with it (they may fall back to the resource class's price, or count no cost); calls already recorded keep their estimate.",
  deleted: "Price of {{subject}} deleted",
  saved: "Price of {{subject}} saved",
  kind: "Priced",
  kinds: { model_version: "Model version", resource_class: "Resource class" },
  subject: "Subject",
  subjectId: "Subject ID",
  project: "Project",
  model: "Model",
  modelVersion: "Model version",
  resourceClass: "Resource class",
  pickModelVersion: "Pick a model version",
  pickResourceClass: "Pick a resource class",
  inputPerMillion: "Input price / million tokens",
  outputPerMillion: "Output price / million tokens",
  perHour: "Price per hour",
  amountRange: "A price is between 0 and {{max}}",
  needTokenPrice: "Give an input or an output price",
  needHourPrice: "A resource class needs a price per hour",
  appliesToNewCalls:
    "New calls are estimated with it within a second; calls already recorded keep their estimate.",
  currencyIs: "All amounts are in {{currency}}",
  currencyOfTenant: "All amounts are in the tenant's currency",
  howEstimated:
    "A call with a model version price is estimated by its tokens; otherwise by its revision's resource class price per hour × the call's duration; with neither, at no cost.",
  adminsOnly: "Only tenant admins change the price table.",
  empty:
    "No prices yet: add a model version's or a resource class's price and the usage page shows estimated costs.",
};
