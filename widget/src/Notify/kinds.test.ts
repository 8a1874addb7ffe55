import { describe, expect, it } from 'vitest';
import { notificationKinds } from './kinds.js';

describe('notification kinds', () => {
  it('reads the option’s array and the data attribute’s list, and ignores anything else', () => {
    expect(notificationKinds(['sound', 'title', 'bogus'])).toEqual(['title', 'sound']);
    expect(notificationKinds('system, title  sound')).toEqual(['title', 'sound', 'system']);
    expect(notificationKinds('')).toEqual([]);
    expect(notificationKinds(undefined)).toEqual([]);
    expect(notificationKinds({ title: true })).toEqual([]);
  });
});
