import * as L from "./lexicon.js";
import { Rng } from "./rng.js";

export type CorpusDoc =
  | { kind: "text"; text: string }
  | { kind: "chat"; messages: { role: "user" | "assistant"; content: string }[] };

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const an = (w: string) => (/^[aeiou]/.test(w) ? `an ${w}` : `a ${w}`);
const list = (xs: string[]) =>
  xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;

function story(r: Rng): string {
  const name = r.pick(L.NAMES);
  const he = r.chance(0.5) ? "she" : "he";
  const his = he === "she" ? "her" : "his";
  const [animal] = r.pick(L.ANIMALS);
  const place = r.pick(L.PLACES);
  const obj = r.pick(L.OBJECTS);
  const color = r.pick(L.COLORS);
  const s = [
    `${name} had ${an(r.pick(L.ADJECTIVES))} ${animal}.`,
    `Every ${r.pick(L.TIMES)}, ${he} went to the ${place} with ${his} ${animal}.`,
    `One day, the ${animal} found ${an(color)} ${obj} near the ${r.pick(L.PLACES)}.`,
    `${name} was ${r.pick(L.FEELINGS)}.`,
  ];
  if (r.chance(0.6)) s.push(`${cap(he)} took the ${color} ${obj} home and put it on the table.`);
  if (r.chance(0.5)) s.push(`The next day, ${name} told ${r.pick(L.NAMES)} about the ${obj}.`);
  if (r.chance(0.5)) s.push(`They played in the ${place} until the ${r.pick(L.TIMES)} was over.`);
  return s.join(" ");
}

function person(r: Rng): string {
  const name = r.pick(L.NAMES);
  const job = r.pick(L.JOBS);
  const [country, city] = r.pick(L.CAPITALS);
  const [fruit] = r.pick(L.FRUITS);
  const age = 20 + r.int(50);
  return [
    `${name} is ${an(job)}.`,
    `${name} is ${age} years old and lives in ${city}, the capital of ${country}.`,
    `On ${r.pick(L.WEEKDAYS)}, ${name} likes to visit the ${r.pick(L.PLACES)}.`,
    `${name}'s favorite fruit is the ${fruit}.`,
  ]
    .slice(0, 2 + r.int(3))
    .join(" ");
}

function facts(r: Rng): string {
  const out = r.sample(L.FACTS, 2 + r.int(3)) as string[];
  for (let i = r.int(3); i > 0; i--) {
    const [fruit, color] = r.pick(L.FRUITS);
    out.push(`${cap(an(fruit))} is ${color}.`);
  }
  for (let i = r.int(3); i > 0; i--) {
    const [animal, sound, legs] = r.pick(L.ANIMALS);
    out.push(
      r.chance(0.5) ? `The ${animal} ${sound}.` : `${cap(an(animal))} has ${L.NUMBER_WORDS[legs]} legs.`,
    );
  }
  if (r.chance(0.4)) {
    const [country, city] = r.pick(L.CAPITALS);
    out.push(`The capital of ${country} is ${city}.`);
  }
  return r.sample(out, out.length).join(" ");
}

function qa(r: Rng): [string, string] {
  switch (r.int(7)) {
    case 0: {
      const [fruit, color] = r.pick(L.FRUITS);
      return [`What color is ${an(fruit)}?`, `${cap(an(fruit))} is ${color}.`];
    }
    case 1: {
      const [animal, sound] = r.pick(L.ANIMALS);
      return [`What does the ${animal} say?`, `The ${animal} ${sound}.`];
    }
    case 2: {
      const [animal, , legs] = r.pick(L.ANIMALS);
      return [
        `How many legs does ${an(animal)} have?`,
        `${cap(an(animal))} has ${L.NUMBER_WORDS[legs]} legs.`,
      ];
    }
    case 3: {
      const [country, city] = r.pick(L.CAPITALS);
      return [`What is the capital of ${country}?`, `The capital of ${country} is ${city}.`];
    }
    case 4: {
      const a = r.int(10);
      const b = r.int(10);
      return [`What is ${a} plus ${b}?`, `${a} plus ${b} is ${a + b}.`];
    }
    case 5: {
      const [task, steps] = r.pick(L.TASKS);
      return [`How do I ${task}?`, `To ${task}, ${list([...steps])}.`];
    }
    default: {
      const i = r.int(7);
      return [
        `What day comes after ${L.WEEKDAYS[i]}?`,
        `${L.WEEKDAYS[(i + 1) % 7]} comes after ${L.WEEKDAYS[i]}.`,
      ];
    }
  }
}

function lists(r: Rng): string {
  switch (r.int(4)) {
    case 0:
      return `Shopping list: ${list(r.sample(L.FRUITS, 2 + r.int(4)).map(([f]) => `${f}s`))}.`;
    case 1:
      return `In the ${r.pick(L.PLACES)} there is ${list(r.sample(L.OBJECTS, 2 + r.int(3)).map(an))}.`;
    case 2: {
      const start = r.int(6);
      return `Counting: ${L.NUMBER_WORDS.slice(start, start + 3 + r.int(5)).join(", ")}.`;
    }
    default:
      return `The days of the week are ${list([...L.WEEKDAYS])}.`;
  }
}

function arithmetic(r: Rng): string {
  const out: string[] = [];
  for (let i = 1 + r.int(4); i > 0; i--) {
    const a = r.int(20);
    const b = r.int(20);
    if (r.chance(0.5)) out.push(`${a} plus ${b} equals ${a + b}.`);
    else out.push(`${Math.max(a, b)} minus ${Math.min(a, b)} equals ${Math.max(a, b) - Math.min(a, b)}.`);
  }
  return out.join(" ");
}

function chinese(r: Rng): string {
  const n = r.pick(L.ZH_NAMES);
  const s = [
    `${n}喜欢${r.pick(L.ZH_THINGS)}。`,
    `今天是${r.pick(L.ZH_WEATHER)}，${n}去了${r.pick(L.ZH_PLACES)}。`,
    `${r.pick(L.ZH_PLACES)}${r.pick(L.ZH_ADJ)}。`,
    `${n}和${r.pick(L.ZH_NAMES)}一起吃${r.pick(L.ZH_THINGS)}。`,
  ];
  return r.sample(s, 2 + r.int(3)).join("");
}

/** One document; the mix is roughly 25% stories, 40% facts/people/lists, 10% Q&A text, 10% chats, 8% Chinese. */
export function generateDoc(r: Rng): CorpusDoc {
  const k = r.next();
  if (k < 0.25) return { kind: "text", text: story(r) };
  if (k < 0.37) return { kind: "text", text: person(r) };
  if (k < 0.52) return { kind: "text", text: facts(r) };
  if (k < 0.6) return { kind: "text", text: lists(r) };
  if (k < 0.67) return { kind: "text", text: arithmetic(r) };
  if (k < 0.77) {
    const pairs = Array.from({ length: 1 + r.int(3) }, () => qa(r));
    return { kind: "text", text: pairs.map(([q, a]) => `Question: ${q}\nAnswer: ${a}`).join("\n\n") };
  }
  if (k < 0.92) {
    const messages = Array.from({ length: 1 + r.int(2) }, () => qa(r)).flatMap(([q, a]) => [
      { role: "user" as const, content: q },
      { role: "assistant" as const, content: a },
    ]);
    return { kind: "chat", messages };
  }
  return { kind: "text", text: chinese(r) };
}

export function* generateCorpus(seed: number, nDocs: number): Generator<CorpusDoc> {
  const r = new Rng(seed);
  for (let i = 0; i < nDocs; i++) yield generateDoc(r);
}
