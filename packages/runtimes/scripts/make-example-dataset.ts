/**
 * Generates the bundled example dataset (deterministically: same script, same bytes):
 * support-ticket routing. Each record is a chat whose user message is a customer ticket ("Ticket:"
 * and its text) and whose assistant answer is the team that handles it: billing, shipping, account
 * or refund. The base model has never seen the labels as answers, so it scores near 0% exact match;
 * a LoRA fine-tune learns the mapping from the ticket's wording in a few minutes on two CPU cores.
 * The prompt is kept short on purpose: on two cores, training time is proportional to tokens.
 *
 *   npx tsx packages/runtimes/scripts/make-example-dataset.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Rng } from "../src/trainer/rng.js";

export const EXAMPLE_DIR = fileURLToPath(new URL("../assets/examples/support-routing/", import.meta.url));
export const EXAMPLE_QUESTION = "Ticket:";

const ITEMS = [
  "the blue kettle",
  "my headphones",
  "a desk lamp",
  "two books",
  "the phone case",
  "a winter coat",
  "the coffee grinder",
  "my new shoes",
  "a garden hose",
  "the yoga mat",
  "a backpack",
  "the monitor stand",
  "a set of pans",
  "the rain jacket",
  "a board game",
  "the baby stroller",
];
const WHEN = [
  "on Monday",
  "last week",
  "yesterday",
  "two days ago",
  "this morning",
  "on Friday",
  "since March",
  "for a week",
  "in June",
  "three weeks ago",
];

const TEMPLATES: Record<string, string[]> = {
  billing: [
    "I was charged twice for {item} {when}.",
    "My invoice from {when} shows the wrong amount for {item}.",
    "The payment for {item} failed but the money left my card {when}.",
    "Why is there an extra fee on my bill for {item}?",
    "My card was billed {when} for {item} I never ordered.",
    "Please send a corrected invoice for {item}.",
    "The price I paid for {item} is higher than the price at checkout.",
    "I see a double charge on my statement {when}.",
  ],
  shipping: [
    "My package with {item} has not arrived yet.",
    "The courier left {item} at the wrong address {when}.",
    "Tracking for {item} has not moved {when}.",
    "The delivery of {item} is late and nobody called me.",
    "Where is my parcel? I ordered {item} {when}.",
    "The box with {item} arrived crushed by the courier.",
    "Can you ship {item} to my office instead of my home?",
    "The driver never came to deliver {item} {when}.",
  ],
  account: [
    "I cannot log in to my account {when}.",
    "The password reset email never arrives.",
    "My account was locked after I changed my email {when}.",
    "The login page says my username does not exist.",
    "I want to change the email address on my profile.",
    "Someone else signed in to my account {when}.",
    "The two-step code for my login stopped working {when}.",
    "Please delete my account and my saved addresses.",
  ],
  refund: [
    "I returned {item} {when} and still have no refund.",
    "Please refund my order of {item}.",
    "I want my money back for the broken {item}.",
    "How long does a refund for {item} take?",
    "The refund for {item} was approved {when} but I have not received it.",
    "I cancelled {item} {when}, where is my refund?",
    "You promised to refund {item} but the money is missing.",
    "Can I get a refund instead of a replacement for {item}?",
  ],
};
const OPENERS = ["", "", "Hello, ", "Hi team, ", "Good morning. ", "Urgent: ", "Hey, "];
const CLOSERS = [
  "",
  "",
  " Thanks.",
  " Please help.",
  " Thank you!",
  " Regards, Sam.",
  " I need an answer soon.",
];

export interface ExampleRecord {
  messages: { role: "user" | "assistant"; content: string }[];
}

function ticket(rng: Rng, label: string): string {
  const templates = TEMPLATES[label]!;
  const body = templates[rng.int(templates.length)]!.replace("{item}", ITEMS[rng.int(ITEMS.length)]!).replace(
    "{when}",
    WHEN[rng.int(WHEN.length)]!,
  );
  const opener = OPENERS[rng.int(OPENERS.length)]!;
  // After "Hello, " the sentence goes on in lower case ("I" stays upper case).
  const text =
    opener.endsWith(", ") && !body.startsWith("I ") ? body[0]!.toLowerCase() + body.slice(1) : body;
  return `${opener}${text}${CLOSERS[rng.int(CLOSERS.length)]!}`;
}

/** `count` records with labels in rotation; distinct seeds give the splits, and no ticket text repeats across them. */
export function makeSplit(seed: number, count: number, exclude: Set<string>): ExampleRecord[] {
  const rng = new Rng(seed);
  const labels = Object.keys(TEMPLATES);
  const out: ExampleRecord[] = [];
  while (out.length < count) {
    const label = labels[out.length % labels.length]!;
    const text = ticket(rng, label);
    if (exclude.has(text)) continue;
    exclude.add(text);
    out.push({
      messages: [
        { role: "user", content: `${EXAMPLE_QUESTION}\n${text}` },
        { role: "assistant", content: label },
      ],
    });
  }
  return out;
}

export function makeExampleDataset(sizes = { train: 1200, validation: 100, test: 200 }) {
  const seen = new Set<string>();
  const test = makeSplit(3, sizes.test, seen);
  const validation = makeSplit(2, sizes.validation, seen);
  const train = makeSplit(1, sizes.train, seen);
  return { train, validation, test };
}

function main(): void {
  mkdirSync(EXAMPLE_DIR, { recursive: true });
  const splits = makeExampleDataset();
  for (const [name, records] of Object.entries(splits)) {
    writeFileSync(
      join(EXAMPLE_DIR, `${name}.jsonl`),
      records.map((r) => JSON.stringify(r)).join("\n") + "\n",
    );
    console.log(`${name}: ${records.length} records`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
