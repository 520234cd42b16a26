import { describe, expect, it } from 'vitest';
import { insertMention, mentionAt, mentionCandidates, mentionedIds, nameMatches } from './mentions';

const teresa = { id: 't1', name: 'Teresa Técnica' };
const tomas = { id: 't2', name: 'Tomás Técnico' };
const ursula = { id: 'u1', name: 'Úrsula Usuaria' };

describe('mentionAt', () => {
  it('finds the word typed after an @ at the start or after a space', () => {
    expect(mentionAt('@ter', 4)).toEqual({ start: 0, query: 'ter' });
    expect(mentionAt('Hola @Tom', 9)).toEqual({ start: 5, query: 'Tom' });
    expect(mentionAt('Hola\n@', 6)).toEqual({ start: 5, query: '' });
  });

  it('ignores an @ inside a word (an e-mail address) and a caret past a space', () => {
    expect(mentionAt('ana@example.org', 15)).toBeNull();
    expect(mentionAt('@Teresa ', 8)).toBeNull();
  });
});

describe('nameMatches', () => {
  it('matches the start of any name, ignoring case and accents, every word asked for', () => {
    expect(nameMatches('Tomás Técnico', 'tec')).toBe(true);
    expect(nameMatches('Tomás Técnico', 'TOMAS te')).toBe(true);
    expect(nameMatches('Tomás Técnico', 'ecn')).toBe(false);
  });
});

describe('mentionCandidates', () => {
  it('offers the requester on a public reply but only staff on an internal note', () => {
    expect(mentionCandidates('u', [tomas], [ursula], false, undefined)).toEqual([ursula, tomas]);
    expect(mentionCandidates('u', [tomas], [ursula], true, undefined)).toEqual([tomas]);
  });

  it('never offers the writer, and each person once', () => {
    expect(mentionCandidates('t', [teresa, tomas, teresa], [], false, 't2')).toEqual([teresa]);
  });
});

describe('insertMention and mentionedIds', () => {
  it('replaces the typed word with "@Name " and sends the ids still named in the text', () => {
    const typed = 'Mira esto @ter y dime';
    const { text, caret } = insertMention(typed, 10, 14, teresa.name);

    expect(text).toBe('Mira esto @Teresa Técnica  y dime');
    expect(caret).toBe(10 + '@Teresa Técnica '.length);
    expect(mentionedIds(text, [teresa, tomas, teresa])).toEqual(['t1']);
    expect(mentionedIds(text.replace('@Teresa Técnica', ''), [teresa])).toEqual([]);
  });
});
