import type { Browser, Page } from 'puppeteer-core';
import { eventually, startMnemo, type MnemoStack } from '@mnemo/testing';
import {
  inPage,
  launchChromium,
  screenshot,
  signIn,
  textsOf,
  waitForFocus,
  waitForText,
} from './support/console-browser';
import {
  createPlatformProject,
  tokenCaller,
  type PlatformProject,
} from './support/platform-project';
import { Receiver } from './support/webhook-receiver';

const adminKey = 'console-admin-key';
const user = 'user_10086';
const seeded = [
  'Wants a good restaurant, preferably Sichuan cuisine',
  'Budget is about 100 yuan per person',
  'Lives in Hangzhou',
  'Is allergic to peanuts',
];

jest.setTimeout(60_000);

/** The console in a real browser against the real stack, driven as its users would. */
describe('web console', () => {
  let mnemo: MnemoStack;
  let receiver: Receiver;
  let browser: Browser;
  let project: PlatformProject;
  let page: Page;
  const requested: string[] = [];
  const call = tokenCaller(() => mnemo.baseUrl);
  const memoryIdOf = async (text: string) => {
    const listed = await call(project.api_key, 'POST', '/v3/memories/', {
      filters: { user_id: user },
    });
    return (listed.body.results as { id: string; memory: string }[]).find(
      (memory) => memory.memory === text,
    )?.id;
  };
  // By accessible name and role, as assistive technology finds them.
  const clickLink = (name: string) => page.locator(`aria/${name}[role="link"]`).click();
  const clickButton = (name: string) => page.locator(`aria/${name}[role="button"]`).click();
  const signOut = async () => {
    await clickButton('Sign out');
    await page.waitForSelector('#api-key');
    expect(await inPage(page, 'sessionStorage.length')).toBe(0);
  };

  beforeAll(async () => {
    receiver = await Receiver.start();
    [mnemo, browser] = await Promise.all([
      startMnemo({
        services: ['gateway', 'extractor', 'embedder', 'vector-store', 'webhook-dispatcher'],
        env: {
          MNEMO_ADMIN_API_KEY: adminKey,
          MNEMO_WEBHOOK_ALLOW_PRIVATE: 'true',
          MNEMO_WEBHOOK_RETRY_SCHEDULE_MS: '200',
          MNEMO_WEBHOOK_TIMEOUT_MS: '2000',
          MNEMO_WEBHOOK_POLL_MS: '100',
        },
      }),
      launchChromium(),
    ]);
    project = await createPlatformProject(mnemo.baseUrl, adminKey, 'console');
    const added = await call(project.api_key, 'POST', '/v3/memories/add/', {
      user_id: user,
      infer: false,
      messages: seeded.map((content) => ({ role: 'user', content })),
    });
    expect(added.body.results).toHaveLength(seeded.length);
    page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 720 });
    page.on('request', (request) => requested.push(request.url()));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await mnemo?.stop();
    await receiver?.stop();
  });

  it('refuses a wrong key with the API message and keeps nothing', async () => {
    await signIn(page, mnemo.baseUrl, 'not-a-mnemo-key');
    await page.waitForSelector('[role="alert"]');
    expect(await textsOf(page, '[role="alert"]')).toEqual([
      'Invalid API key. Please check your API key and try again.',
    ]);
    expect(await inPage(page, 'sessionStorage.length')).toBe(0);
    await screenshot(page, 'sign-in-refused');
  });

  it('signs in with a project key from the keyboard and lists its memories', async () => {
    await signIn(page, mnemo.baseUrl, project.api_key);
    await waitForText(page, '4 memories');
    expect((await textsOf(page, 'td[data-label="Memory"]')).sort()).toEqual([...seeded].sort());
    // An owner's key, not the admin's: members and SQL access, no key management.
    expect(await textsOf(page, 'nav.sections a')).toEqual([
      'Memories',
      'Users, agents, runs',
      'Add events',
      'Webhooks',
      'Members',
      'SQL access',
    ]);
    await screenshot(page, 'memories');
  });

  it('counts memories per user and opens the list filtered to one', async () => {
    await clickLink('Users, agents, runs');
    await waitForText(page, '1 user · 0 agents');
    expect(await textsOf(page, 'td[data-label="Memories"]')).toEqual(['4']);
    await clickLink(user);
    await waitForText(page, '4 memories');
    expect(page.url()).toContain(`#/memories?user_id=${user}`);
  });

  it('searches by meaning and keyword and shows the scores, best first', async () => {
    await page.locator('#q').fill('Any Sichuan restaurant you would recommend?');
    await page.keyboard.press('Enter');
    await waitForText(page, 'for “Any Sichuan restaurant you would recommend?”, best first');
    const results = await textsOf(page, 'td[data-label="Memory"]');
    expect(results[0]).toBe(seeded[0]);
    const scores = await textsOf(page, 'td[data-label="Score"] .score');
    expect(scores[0]).toMatch(/^0\.\d{3}$|^1\.000$/);
    expect(scores.map(Number)).toEqual([...scores.map(Number)].sort((a, b) => b - a));
    await screenshot(page, 'search');
  });

  it('opens a memory, edits it and shows the change in its history', async () => {
    await page.goto(`${mnemo.baseUrl}/console#/memories?user_id=${user}`);
    await clickLink('Lives in Hangzhou');
    await waitForText(page, 'History');
    expect(await textsOf(page, '.history li')).toEqual([expect.stringMatching(/^ADD /)]);
    await clickButton('Edit');
    await waitForFocus(page, "element.id === 'memory-text'");
    await page.locator('#memory-text').fill('Lives in Shanghai');
    await page.locator('#memory-metadata').fill('{"source": "console"}');
    await clickButton('Save');
    await waitForText(page, 'Memory saved.');
    await waitForFocus(page, "element.textContent === 'Edit'");
    await waitForText(page, 'UPDATE');
    expect(await textsOf(page, '.history li:first-child del')).toEqual(['Hangzhou']);
    expect(await textsOf(page, '.history li:first-child ins')).toEqual(['Shanghai']);
    expect(await textsOf(page, '.memory-text')).toEqual(['Lives in Shanghai']);
    const id = page.url().split('#/memories/')[1];
    const stored = await call(project.api_key, 'GET', `/v1/memories/${id}/`);
    expect(stored.body).toMatchObject({
      memory: 'Lives in Shanghai',
      metadata: { source: 'console' },
    });
    await screenshot(page, 'memory', true);
  });

  it('deletes a memory only once the dialog is confirmed', async () => {
    const id = await memoryIdOf('Is allergic to peanuts');
    await page.goto(`${mnemo.baseUrl}/console#/memories/${id}`);
    await waitForText(page, 'History');
    await clickButton('Delete');
    await page.waitForSelector('dialog[open]');
    // The safe choice has the focus, and Escape backs out.
    await waitForFocus(page, "element.textContent === 'Cancel'");
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { hidden: true });
    expect((await call(project.api_key, 'GET', `/v1/memories/${id}/`)).status).toBe(200);
    await clickButton('Delete');
    await page.locator('dialog[open] button.danger').click();
    await waitForText(page, 'Memory deleted.');
    expect(page.url()).toMatch(/#\/memories$/);
    expect(await call(project.api_key, 'GET', `/v1/memories/${id}/`)).toMatchObject({
      status: 404,
      body: { detail: 'Memory not found!' },
    });
  });

  it('adds a webhook, shows its failed delivery and redelivers it', async () => {
    await clickLink('Webhooks');
    await page.locator('#webhook-name').fill('flaky receiver');
    await page.locator('#webhook-url').fill(receiver.url('/flaky'));
    for (const type of ['memory_update', 'memory_delete', 'memory_categorize'])
      await page.locator(`input[value="${type}"]`).click();
    await clickButton('Add webhook');
    await page.waitForSelector('.notice code.secret');
    const [secret] = await textsOf(page, '.notice code.secret');
    // Fails the delivery's first attempt and its one retry (then it is dead), then answers 200.
    receiver.expect('/flaky', secret, (n) => (n < 2 ? 500 : 200));
    await call(project.api_key, 'POST', '/v3/memories/add/', {
      user_id: user,
      infer: false,
      messages: [{ role: 'user', content: 'Keeps bees on the roof' }],
    });
    await eventually(() => expect(receiver.at('/flaky')).toHaveLength(2), { timeoutMs: 15_000 });
    await clickLink('flaky receiver');
    await eventually(
      async () => {
        await clickButton('Refresh');
        expect(await textsOf(page, 'td[data-label="Status"] .status')).toEqual(['dead']);
      },
      { timeoutMs: 10_000, intervalMs: 300 },
    );
    expect((await textsOf(page, 'td[data-label="Last attempt"]'))[0]).toContain('HTTP 500');
    await screenshot(page, 'webhook-deliveries');
    const [deliveryId] = await textsOf(page, 'td[data-label="Delivery id"]');
    await clickButton(`Redeliver ${deliveryId}`);
    await waitForText(page, 'queued again');
    await eventually(
      async () =>
        expect(await textsOf(page, 'td[data-label="Status"] .status')).toEqual(['succeeded']),
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(receiver.at('/flaky')).toHaveLength(3);
    expect(receiver.at('/flaky').every((entry) => entry.verified)).toBe(true);
  });

  it('follows an add event until its memories are made', async () => {
    const added = await call(project.api_key, 'POST', '/v3/memories/add/', {
      user_id: 'hiker',
      messages: [{ role: 'user', content: 'I love hiking in the Alps' }],
    });
    expect(added.body.status).toBe('PENDING');
    await clickLink('Add events');
    await page.waitForSelector('td[data-label="Received"]');
    // Newest first; the page reloads by itself while an event is unfinished.
    await eventually(
      async () => {
        expect((await textsOf(page, 'td[data-label="Status"] .status'))[0]).toBe('succeeded');
        expect((await textsOf(page, 'td[data-label="Outcome"]'))[0]).toMatch(/^ADD .*hiking/i);
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    await screenshot(page, 'events');
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    await page.setViewport({ width: 360, height: 740 });
    await page.goto(`${mnemo.baseUrl}/console#/memories?q=restaurant`);
    await waitForText(page, 'best first');
    expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    await screenshot(page, 'memories-narrow');
    await page.setViewport({ width: 1100, height: 720 });
  });

  it('adds a reader member, whose key is offered no changes and no owner pages', async () => {
    const email = 'reader@example.com';
    await clickLink('Members');
    await page.locator('#member-email').fill(email);
    await page.select('#member-role', 'READER');
    await clickButton('Add member');
    await waitForText(page, email);
    expect(await textsOf(page, 'td[data-label="Role"]')).toEqual(['reader']);
    await screenshot(page, 'members');
    const readerKey = await call(
      adminKey,
      'POST',
      `/api/v1/admin/projects/${project.project_id}/keys/`,
      { label: 'reader', email },
    );
    await signOut();
    await signIn(page, mnemo.baseUrl, readerKey.body.api_key as string);
    await waitForText(page, 'Lives in Shanghai');
    expect(await textsOf(page, 'nav.sections a')).toEqual([
      'Memories',
      'Users, agents, runs',
      'Add events',
      'Webhooks',
    ]);
    await clickLink('Lives in Shanghai');
    await waitForText(page, 'History');
    expect(await textsOf(page, 'main button')).toEqual([]);
    await page.goto(`${mnemo.baseUrl}/console#/members`);
    await waitForText(page, 'There is no such page for this key.');
  });

  it('lets the admin key make a project key, shown once', async () => {
    await signOut();
    await signIn(page, mnemo.baseUrl, adminKey);
    await clickLink('API keys');
    await page.locator('#key-label').fill('made in the console');
    await clickButton('Make key');
    await page.waitForSelector('.notice code.secret');
    const [made] = await textsOf(page, '.notice code.secret');
    expect((await call(made, 'GET', '/v1/ping/')).status).toBe(200);
    await waitForText(page, 'made in the console');
  });

  it('loaded nothing but the gateway', () => {
    expect(requested.length).toBeGreaterThan(0);
    // data: URLs are the browser's own (a date field's icon), fetched from nowhere.
    const elsewhere = requested.filter(
      (url) => !url.startsWith(`${mnemo.baseUrl}/`) && !url.startsWith('data:'),
    );
    expect(elsewhere).toEqual([]);
  });
});
