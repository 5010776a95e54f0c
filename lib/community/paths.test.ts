import { describe, expect, it } from 'vitest';
import { moveStep, startHereOpen, startHerePath, stepLine, stepOnPage } from './index';

const step = (itemId: string, note = '') => ({ itemId, note });
const path = (id: string, createdAt: number, deletedAt: number | null = null) => ({
  id,
  createdAt,
  deletedAt,
});

describe('Start here paths', () => {
  it('is the oldest live path of the community', () => {
    expect(startHerePath([])).toBeUndefined();
    expect(startHerePath([path('b', 2), path('a', 1, 5), path('c', 3)])?.id).toBe('b');
    // Two made at once: the same one everywhere.
    expect(startHerePath([path('y', 1), path('x', 1)])?.id).toBe('x');
  });

  it('stays offered until every step is done or it is dismissed', () => {
    const p = { steps: [step('s1'), step('s2')] };
    expect(startHereOpen(p, undefined)).toBe(true);
    expect(startHereOpen(p, { done: ['s1'], dismissed: false })).toBe(true);
    expect(startHereOpen(p, { done: ['s1', 's2'], dismissed: false })).toBe(false);
    expect(startHereOpen(p, { done: [], dismissed: true })).toBe(false);
    expect(startHereOpen({ steps: [] }, undefined)).toBe(false);
  });

  it('finds the step whose tip applies to the page, counted from 1', () => {
    const p = { steps: [step('s1'), step('s2', 'Before your first deploy'), step('s3')] };
    expect(stepOnPage(p, new Set(['other']))).toBeUndefined();
    const found = stepOnPage(p, new Set(['s3', 's2']));
    expect(found).toEqual({ number: 2, of: 3, itemId: 's2', note: 'Before your first deploy' });
    expect(stepLine(found!)).toBe('Start here · step 2 of 3');
  });

  it('moves a step up or down, and not past either end', () => {
    const steps = ['a', 'b', 'c'];
    expect(moveStep(steps, 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(steps, 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(steps, 0, -1)).toEqual(steps);
    expect(moveStep(steps, 2, 1)).toEqual(steps);
    expect(steps).toEqual(['a', 'b', 'c']);
  });
});
