// Finds English left on a page that should be in another language (issue 21: "a test fails when
// a string is left in the wrong language"). It reads the page's visible text and its accessible
// names (labels, buttons, aria-label, placeholder, title, alt) and reports those that hold
// common English words. Text people wrote (a client's notes, a clinician's names) is not the
// product's: mark it `translate="no"` (or `lang="…"`, as the language switcher does) and it is
// skipped, with everything inside it.

/** Words that occur in English UI text and are not Spanish words ("may" is a Spanish month). */
const ENGLISH_WORDS = [
  'the', 'and', 'your', 'you', 'with', 'this', 'that', 'what', 'when', 'which', 'from', 'have',
  'was', 'were', 'will', 'would', 'should', 'could', 'not', 'are', 'for', 'here', 'there',
  'save', 'saved', 'send', 'sent', 'cancel', 'delete', 'edit', 'back', 'next', 'open', 'close',
  'new', 'add', 'show', 'hide', 'yes', 'today', 'yesterday', 'week', 'weeks', 'days', 'day',
  'client', 'clients', 'session', 'sessions', 'therapist', 'notes', 'goal', 'goals',
  'settings', 'sign', 'search', 'choose', 'name', 'date', 'time', 'none', 'nothing', 'every',
  'about', 'how', 'why', 'who', 'their', 'they', 'them', 'our', 'all', 'more', 'less', 'last',
  'first', 'since', 'until', 'before', 'after', 'please', 'must', 'can', 'only',
];

/**
 * The English leftovers on the page: a list of `{ text, words }`, empty when there are none.
 * `allow` is a list of strings or regular expressions for text that is right as it is (a
 * product name, an abbreviation, a clinical instrument with no official translation).
 */
export async function englishLeftovers(page, { allow = [] } = {}) {
  const found = await page.evaluate((words) => {
    // Whole words only, where a letter may be accented ("notó" holds no "not"), and a code
    // such as auth.sign_in is one word.
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(${words.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
    const pageLang = document.documentElement.lang;
    const skipped = (el) => {
      for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
        if (e.getAttribute('translate') === 'no') return true;
        const lang = e.getAttribute('lang');
        if (lang && lang !== pageLang) return true;
        if (e.tagName === 'SCRIPT' || e.tagName === 'STYLE' || e.tagName === 'NOSCRIPT' || e.tagName === 'TEMPLATE') return true;
      }
      return false;
    };
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.replace(/\s+/g, ' ').trim();
      if (text && !skipped(n.parentElement)) texts.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], img[alt], input[type=submit][value]')) {
      if (skipped(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt', 'value']) {
        if (attr === 'value' && el.type !== 'submit') continue;
        const value = el.getAttribute(attr);
        if (value && value.trim()) texts.push(value.trim());
      }
    }
    const out = [];
    for (const text of texts) {
      const hits = [...new Set((text.match(pattern) || []).map((w) => w.toLowerCase()))];
      if (hits.length) out.push({ text: text.slice(0, 160), words: hits });
    }
    return out;
  }, ENGLISH_WORDS);
  const allowed = (text) =>
    allow.some((a) => (typeof a === 'string' ? text.includes(a) : a.test(text)));
  return found.filter((f) => !allowed(f.text));
}

/** A readable report of `englishLeftovers`' findings for an assertion message. */
export function formatLeftovers(where, leftovers) {
  return `${where}: ${leftovers.length} text(s) still in English\n${leftovers
    .map((l) => `    "${l.text}" (${l.words.join(', ')})`)
    .join('\n')}`;
}
