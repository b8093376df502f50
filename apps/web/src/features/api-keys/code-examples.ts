/** The gateway's OpenAI-compatible base URL on this installation (the console and `/v1` share an origin). */
export function gatewayBaseUrl(origin = window.location.origin): string {
  return `${origin}/v1`;
}

export type ExampleLanguage = "curl" | "python" | "js";

/**
 * How to call a service with a new key: curl, and the official `openai` SDKs pointed at this
 * installation. The secret goes into an environment variable, not into code that gets committed.
 */
export function codeExample(
  language: ExampleLanguage,
  o: { baseUrl: string; model: string; secret: string },
) {
  if (language === "curl")
    return [
      `export INFERA_API_KEY="${o.secret}"`,
      "",
      `curl ${o.baseUrl}/chat/completions \\`,
      `  -H "Authorization: Bearer $INFERA_API_KEY" \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -d '{"model": "${o.model}", "messages": [{"role": "user", "content": "Hello"}]}'`,
    ].join("\n");
  if (language === "python")
    return [
      "import os",
      "from openai import OpenAI",
      "",
      `client = OpenAI(base_url="${o.baseUrl}", api_key=os.environ["INFERA_API_KEY"])`,
      "reply = client.chat.completions.create(",
      `    model="${o.model}",`,
      `    messages=[{"role": "user", "content": "Hello"}],`,
      ")",
      "print(reply.choices[0].message.content)",
    ].join("\n");
  return [
    'import OpenAI from "openai";',
    "",
    `const client = new OpenAI({ baseURL: "${o.baseUrl}", apiKey: process.env.INFERA_API_KEY });`,
    "const reply = await client.chat.completions.create({",
    `  model: "${o.model}",`,
    '  messages: [{ role: "user", content: "Hello" }],',
    "});",
    "console.log(reply.choices[0].message.content);",
  ].join("\n");
}
