/**
 * The page in a real browser (Debian's chromium, driven by playwright-core): the answer grows in
 * the page as it streams, Stop cancels the provider request, a failure reads as a sentence.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAITextChunks } from "@promptstream/testing";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startWebChat, type WebChatServer } from "./src/server.js";
import { RATE_LIMITED, type ScriptedProvider, startScriptedProvider, TEST_KEY } from "./test-support.js";

const CHROMIUM = "/usr/bin/chromium";
const SKIP_REASON = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is absent: skipping the web chat's browser tests (install it with: apt-get install -y chromium).`;
if (SKIP_REASON !== undefined) console.warn(SKIP_REASON);

const ANSWER =
  "Streaming keeps the page alive: each word of this answer is written into the page as soon as it arrives, " +
  "so the reader sees progress long before the model has finished its thought.";

describe.skipIf(SKIP_REASON !== undefined)("examples/web-chat in chromium", () => {
  let provider: ScriptedProvider;
  let chat: WebChatServer;
  let userDataDir: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    provider = await startScriptedProvider();
    // No retries: a failure reaches the page after one provider request.
    chat = await startWebChat({ maxRetries: 0 });
    userDataDir = await mkdtemp(join(tmpdir(), "web-chat-chromium-"));
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await chat?.close();
    await provider?.close();
    if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage();
    await page.goto(chat.url);
  });

  afterEach(async () => {
    await page.close();
  });

  it("writes the answer into the page as it streams, then shows it whole", async () => {
    provider.answerWith(() => ({ chunks: createOpenAITextChunks(ANSWER), chunkDelayMs: 30 }));
    // Every text the answer element shows, recorded by the page itself at each DOM change.
    await page.evaluate(() => {
      const answer = document.getElementById("answer") as HTMLElement;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(answer.textContent ?? "")).observe(answer, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.click("#send");
    await page.locator("#status", { hasText: "Done." }).waitFor();

    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const distinct = [...new Set(seen)].filter((text) => text !== "");
    expect(distinct.length).toBeGreaterThanOrEqual(5);
    for (const text of distinct) expect(ANSWER.startsWith(text)).toBe(true);
    expect(await page.textContent("#answer")).toBe(ANSWER);
    expect(await page.textContent("#error")).toBe("");
    expect(provider.lastRequest().body).toMatchObject({
      messages: [{ role: "user", content: "Recommend recipes that use apples as an ingredient" }],
    });
  });

  it("Stop cancels the provider request and says the answer stopped", async () => {
    // Slow, and never ending by itself: only a cancelled request closes this connection.
    provider.answerWith(() => ({ chunks: createOpenAITextChunks(ANSWER), chunkDelayMs: 150, stallAtEnd: true }));
    await page.click("#send");
    await page.waitForFunction(() => (document.getElementById("answer")?.textContent ?? "").length > 0);
    await page.click("#stop");

    expect(await provider.lastRequest().outcome).toBe("closed-early");
    await page.locator("#status", { hasText: /^Stopped after \d+ characters\.$/ }).waitFor();
    const shown = (await page.textContent("#answer")) ?? "";
    expect(ANSWER.startsWith(shown) && shown !== ANSWER).toBe(true);
    expect(await page.isEnabled("#send")).toBe(true);
  });

  it("a rate limit shows a readable line naming it, without a stack or the key", async () => {
    provider.answerWith(() => RATE_LIMITED);
    await page.click("#send");
    await page.locator("#status", { hasText: "Failed." }).waitFor();

    const line = (await page.textContent("#error")) ?? "";
    expect(line).toMatch(/^The provider is rate limiting requests \(HTTP 429\): .*Rate limit reached/);
    expect(line).not.toMatch(/\n\s+at /);
    expect(await page.content()).not.toContain(TEST_KEY);
  });

  it("a connection cut mid-answer says so and keeps the text that arrived", async () => {
    const cut = ANSWER.slice(0, ANSWER.indexOf(" as soon"));
    provider.answerWith(() => ({
      chunks: createOpenAITextChunks(cut).slice(0, -1),
      done: false,
      chunkDelayMs: 10,
      endDelayMs: 100,
      resetAtEnd: true,
    }));
    await page.click("#send");
    await page.locator("#status", { hasText: "Failed." }).waitFor();

    expect(await page.textContent("#error")).toMatch(/^The connection was cut before the answer ended/);
    expect(await page.textContent("#answer")).toBe(cut);
  });
});
