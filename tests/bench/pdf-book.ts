/**
 * A generated briefing book for the PDF benchmark and the large-book tests: deterministic
 * (seeded), English with Korean translations, every item kind, about five items a page.
 */
import { DEFAULT_MARKINGS, ITEM_KINDS, type BookContent, type ExchangeItem } from '../../src/shared/domain';

const EN_WORDS =
  'alliance deterrence posture consultation framework implementation working level capabilities commitment modernization presence burden sharing tariff agreement summit delegation security cooperation extended regional partners principle statement teams details sensitive understanding transformation flexibility contingency investment shipbuilding energy supply chains semiconductors reaffirm continuity dialogue negotiation counterpart leadership'.split(
    ' ',
  );
const KO_SENTENCES = [
  '한미동맹의 기본 원칙을 재확인하고 세부 사항은 실무 협의에 맡긴다.',
  '대한민국은 자체 국방비를 늘리고 첨단 미국 체계를 도입할 것이다.',
  '전략적 유연성의 세부 사항에 대해서는 정상 차원에서 합의하지 않는다.',
  '북한과의 대화는 억제력을 바탕으로 추진하는 것이 바람직하다는 점을 설명한다.',
  '관세 합의의 이행은 양국 통상 실무팀이 마무리하도록 한다.',
];

/** mulberry32: a small seeded generator, so every run prints the same book (and makes the same edits) */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i += 1) out.push(EN_WORDS[Math.floor(next() * EN_WORDS.length)]);
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export function generatedBook(itemCount = 2000, sectionCount = 40): BookContent {
  const next = random(20250825);
  const items: ExchangeItem[] = [];
  for (let i = 0; i < itemCount; i += 1) {
    const kind = ITEM_KINDS[i % ITEM_KINDS.length];
    const bodyStyle = i % 3;
    const body =
      bodyStyle === 0
        ? `${sentence(next, 12)} ${sentence(next, 10)} **${sentence(next, 4)}** ${sentence(next, 6)}`
        : bodyStyle === 1
          ? `- ${sentence(next, 10)}\n- ${sentence(next, 8)}\n  - *${sentence(next, 5)}*`
          : `${sentence(next, 14)}\n\n1. ${sentence(next, 7)}\n2. ${sentence(next, 8)}`;
    const item: ExchangeItem = {
      id: `gen-${String(i).padStart(4, '0')}`,
      kind,
      title: kind === 'scenario' ? `${String(9 + (i % 9)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'} ${sentence(next, 5)}` : sentence(next, 4 + (i % 5)),
      body,
      topic: EN_WORDS[i % EN_WORDS.length],
      classification: i % 7 === 0 ? 'S' : i % 3 === 0 ? 'C' : 'U',
      caveats: i % 11 === 0 ? ['NOFORN'] : undefined,
      status: 'cleared',
      lang: 'en',
    };
    if (i % 5 < 2) {
      item.translations = {
        ko: { title: KO_SENTENCES[i % KO_SENTENCES.length].slice(0, 18), body: `${KO_SENTENCES[i % 5]} ${KO_SENTENCES[(i + 2) % 5]}` },
      };
    }
    items.push(item);
  }
  const perSection = Math.ceil(itemCount / sectionCount);
  const sections = Array.from({ length: sectionCount }, (_, s) => ({
    id: `sec-${s + 1}`,
    title: `Section ${s + 1}: ${sentence(next, 3).slice(0, -1)}`,
    items: items.slice(s * perSection, (s + 1) * perSection).map((item) => item.id),
  }));
  return {
    markings: DEFAULT_MARKINGS,
    book: {
      id: 'generated-book',
      title: 'Generated briefing book',
      subtitle: '생성된 브리핑북 (benchmark)',
      meeting: { date: '2025-08-25', location: 'Washington, DC', principal: 'President', counterpart: 'Counterpart', format: 'Bilateral' },
      sections,
    },
    items,
    itemVersions: Object.fromEntries(items.map((item) => [item.id, 1])),
  };
}
