import { describe, expect, it } from 'vitest';
import {
  containsLink,
  contentVerdict,
  parseBlockList,
  postEntry,
  repetitionVerdict,
  slowModeWait,
} from './moderation-filters.js';

const stage = parseBlockList(
  'viagra, casino bonus, hold:investment opportunity, re:\\bcrypto\\s*airdrop\\b, hold:re:^!!!',
);
const check = (text: string, extra: Partial<Parameters<typeof contentVerdict>[0]> = {}) =>
  contentVerdict({
    text,
    rules: stage,
    links: 'allow',
    senderIsGuest: true,
    senderIsModerator: false,
    ...extra,
  });

describe('the block list', () => {
  it('refuses a listed word in any case, with accents, punctuation or look-alike digits', () => {
    for (const text of [
      'VIAGRA',
      'cheap viagra!',
      'v.i.a.g.r.a',
      'v1agra',
      'víágra',
      'Casino   Bonus',
      'casino-bonus',
    ]) {
      expect(check(text), text).toEqual({ verdict: 'reject', code: 'blocked', reason: 'blocked word' });
    }
  });

  it('leaves words that merely contain a short listed word alone, and matches whole words otherwise', () => {
    const rules = parseBlockList('ass');
    const verdict = (text: string) =>
      contentVerdict({ text, rules, links: 'allow', senderIsGuest: true, senderIsModerator: false }).verdict;
    expect(verdict('a classic class assignment')).toBe('allow');
    expect(verdict('you ass')).toBe('reject');
  });

  it('holds a word marked hold:, and lets a refusing entry win over a holding one', () => {
    expect(check('a great INVESTMENT opportunity')).toEqual({
      verdict: 'hold',
      reason: 'matched "investment opportunity"',
    });
    expect(check('investment opportunity: viagra').verdict).toBe('reject');
  });

  it('takes regular expressions from the stage', () => {
    expect(check('join the crypto airdrop').verdict).toBe('reject');
    expect(check('!!! look').verdict).toBe('hold');
    expect(check('crypto is fine').verdict).toBe('allow');
  });

  it('applies to moderators too', () => {
    expect(check('viagra', { senderIsModerator: true }).verdict).toBe('reject');
  });
});

describe('the link policy', () => {
  it('sees links with a scheme, www., or a common top-level domain, and not ordinary sentences', () => {
    for (const text of [
      'https://x.test/a',
      'HTTP://EXAMPLE.ORG',
      'www.example.org',
      'visit example.com',
      'example(dot)com',
      'ｅｘａｍｐｌｅ．ｃｏｍ',
    ]) {
      expect(containsLink(text), text).toBe(true);
    }
    for (const text of [
      'I went to. Me too',
      'e.g. this',
      'version 1.2.3',
      'node.js rocks',
      'a sentence.Another',
    ]) {
      expect(containsLink(text), text).toBe(false);
    }
  });

  it('refuses a guest’s link under `users`, anyone’s under `none`, never a moderator’s', () => {
    const text = 'see https://example.com';
    expect(check(text, { links: 'users' })).toMatchObject({ verdict: 'reject', code: 'link_not_allowed' });
    expect(check(text, { links: 'users', senderIsGuest: false }).verdict).toBe('allow');
    expect(check(text, { links: 'none', senderIsGuest: false })).toMatchObject({ code: 'link_not_allowed' });
    expect(check(text, { links: 'none', senderIsModerator: true }).verdict).toBe('allow');
    expect(check(text, { links: 'allow' }).verdict).toBe('allow');
  });
});

describe('duplicates and floods', () => {
  const settings = {
    duplicates: true,
    duplicateSeconds: 60,
    flood: true,
    floodMessages: 3,
    floodSeconds: 10,
  };

  it('refuses the same text (whatever its case or punctuation) within the window, not after it', () => {
    const first = postEntry('Buy now', 'a1', 0);
    expect(repetitionVerdict([first], postEntry('buy  NOW!', 'a2', 30_000), settings)).toMatchObject({
      code: 'duplicate',
    });
    expect(repetitionVerdict([first], postEntry('buy now', 'a2', 61_000), settings).verdict).toBe('allow');
  });

  it('never counts a retry of the same send (same client id)', () => {
    const first = postEntry('hello', 'same', 0);
    expect(repetitionVerdict([first, first, first], postEntry('hello', 'same', 1), settings).verdict).toBe(
      'allow',
    );
  });

  it('refuses a post after floodMessages others within floodSeconds', () => {
    const earlier = [1, 2, 3].map((i) => postEntry(`m${i}`, `c${i}`, i * 1000));
    expect(repetitionVerdict(earlier, postEntry('m4', 'c4', 4000), settings)).toMatchObject({
      code: 'flood',
    });
    expect(repetitionVerdict(earlier.slice(1), postEntry('m4', 'c4', 4000), settings).verdict).toBe('allow');
    expect(repetitionVerdict(earlier, postEntry('m4', 'c4', 11_500), settings).verdict).toBe('allow');
  });

  it('does nothing where the room turns them off', () => {
    const off = { ...settings, duplicates: false, flood: false };
    const same = [1, 2, 3, 4].map((i) => postEntry('same', `c${i}`, i));
    expect(repetitionVerdict(same, postEntry('same', 'c9', 5), off).verdict).toBe('allow');
  });
});

describe('slow mode', () => {
  it('says how long is left since the last post, and nothing when off or never posted', () => {
    expect(slowModeWait(10_000, 12_000, 8)).toBe(6000);
    expect(slowModeWait(10_000, 19_000, 8)).toBe(0);
    expect(slowModeWait(undefined, 12_000, 8)).toBe(0);
    expect(slowModeWait(10_000, 12_000, 0)).toBe(0);
  });
});
