import { escapeHtml, escapeXml, html, linkify, paragraphs, safeUrl } from '../../../lib/html/html';

describe('escaping helpers: everything shown in a page or a feed is escaped', () => {
  test('interpolations are escaped unless they are themselves built with html``', () => {
    // given
    const evil = `<script>alert("x")</script>' onmouseover='x`;
    // when
    const out = html`<p title="${evil}">${evil}${html`<b>ok</b>`}${[evil, html`<i>i</i>`]}${null}${undefined}${false}</p>`.value;
    // then
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x<b>ok</b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x<i>i</i></p>',
    );
  });

  test('URLs other than http(s) or relative paths never reach an href', () => {
    // given
    const urls = ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>', '//evil.example/x', 'https://vardgivare.skane.se/x', '/driftinfo'];
    // when
    const safe = urls.map(safeUrl);
    // then
    expect(safe).toEqual(['#', '#', '#', '#', 'https://vardgivare.skane.se/x', '/driftinfo']);
  });

  test('linkify turns only http(s) URLs into links and escapes the rest of the text', () => {
    // given
    const text = 'Bekräfta: http://localhost:3000/driftinfo/prenumeration/bekrafta/abc. <img src=x> javascript:alert(1)';
    // when
    const out = linkify(text).value;
    // then
    expect(out).toBe(
      'Bekräfta: <a href="http://localhost:3000/driftinfo/prenumeration/bekrafta/abc">http://localhost:3000/driftinfo/prenumeration/bekrafta/abc</a>. &lt;img src=x&gt; javascript:alert(1)',
    );
  });

  test('paragraphs keep line breaks and escape text; XML escaping drops characters XML forbids', () => {
    // given
    const text = 'Rad 1\nRad <2>\n\nStycke 2';
    // when
    const out = paragraphs(text).value;
    // then
    expect(out).toBe('<p>Rad 1<br>Rad &lt;2&gt;</p><p>Stycke 2</p>');
    expect(escapeXml('a\u0000b<c>&"\'')).toBe('ab&lt;c&gt;&amp;&quot;&apos;');
    expect(escapeHtml('`')).toBe('&#96;');
  });
});
