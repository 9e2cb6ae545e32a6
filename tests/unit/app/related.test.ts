import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/shared/feed/types';
import { pickRelated } from '../../../src/app/routes/related';

const a = (id: string, tags: string[]): Article => ({ id, title: id, published: 0, authors: [], tags });

describe('«Các tin khác»', () => {
  const recent = [a('new', ['Thể thao']), a('self', ['Nông nghiệp']), a('farm1', ['Nông nghiệp']), a('mid', []), a('farm2', ['Kinh tế', 'Nông nghiệp'])];

  it('puts articles on the same topic first, newest first, and never the article itself', () => {
    expect(pickRelated(recent[1]!, recent, 3).map((x) => x.id)).toEqual(['farm1', 'farm2', 'new']);
  });

  it('falls back to the latest articles when nothing shares a topic', () => {
    expect(pickRelated(a('lonely', ['Du lịch']), recent, 2).map((x) => x.id)).toEqual(['new', 'self']);
  });
});
