// Conversational payloads from ../data/conversations.json: short chats of alternating user and
// assistant turns, search queries, and user ids drawn from a large pool.

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

export function fill(template, slots) {
  return template.replace(/\{(\w+)\}/g, (_, name) => pick(slots[name]));
}

/** A chat of `turns` messages, starting with the user. */
export function conversation(corpus, turns) {
  const messages = [];
  for (let i = 0; i < turns; i++) {
    const user = i % 2 === 0;
    const content = user ? fill(pick(corpus.userTurns), corpus.slots) : pick(corpus.assistantTurns);
    messages.push({ role: user ? 'user' : 'assistant', content });
  }
  return messages;
}

export function query(corpus) {
  return fill(pick(corpus.queries), corpus.slots);
}

/** One of `pool` user ids; the same pool across runs, so searches find what adds wrote. */
export function userId(pool) {
  return `k6-user-${String(Math.floor(Math.random() * pool)).padStart(5, '0')}`;
}

export function randomInt(min, max) {
  return min + Math.floor(Math.random() * (max - min + 1));
}
