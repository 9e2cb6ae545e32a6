import { describe, expect, it } from 'vitest';
import { decodeEntities, excerpt, htmlToText } from '../../../src/shared/feed/text';

describe('htmlToText', () => {
  it('turns block ends into lines and drops inline tags', () => {
    expect(htmlToText('<h1>Tiêu đề</h1><p>Đoạn <b>một</b>.</p><p>Đoạn\n   hai<br>dòng ba</p>')).toBe('Tiêu đề\nĐoạn một.\nĐoạn hai\ndòng ba');
    expect(htmlToText('<ul><li>a</li><li>b</li></ul><blockquote>c</blockquote><figure><img src=x><figcaption>d</figcaption></figure>')).toBe('a\nb\nc\nd');
    expect(htmlToText('<table><tr><td>1</td><td>2</td></tr><tr><th>3</th></tr></table>')).toBe('1 2\n3');
  });

  it('removes the contents of script, style, template, noscript, iframe and object', () => {
    const html = '<p>a</p><script>var x = "<p>no</p>";</script><STYLE>p{}</STYLE><template><p>t</p></template>' +
      '<noscript>n</noscript><iframe>i</iframe><object>o</object><p>b</p>';
    expect(htmlToText(html)).toBe('a\nb');
    expect(htmlToText('a<script>never closed <p>x</p>')).toBe('a');
  });

  it('drops comments, doctypes and processing instructions', () => {
    expect(htmlToText('<!DOCTYPE html><!-- <p>hidden</p> -->a<?php echo 1 ?><![CDATA[x]]>b')).toBe('ab');
  });

  it('does not end a tag at a > inside a quoted attribute', () => {
    expect(htmlToText('<a title="1 > 0" href=\'x>y\'>link</a>')).toBe('link');
  });

  it('keeps a < that does not start a tag', () => {
    expect(htmlToText('1 < 2 and 3 <4')).toBe('1 < 2 and 3 <4');
  });

  it('decodes entities', () => {
    expect(htmlToText('&amp;&lt;&gt;&quot;&apos;&nbsp;x&hellip;&ndash;&mdash;&lsquo;&rsquo;&ldquo;&rdquo;')).toBe('&<>"\' x…–—‘’“”');
    expect(htmlToText('&#273;&#x1EBF;&#X1F600;&#8220;&#147;')).toBe('đế😀““');
    expect(htmlToText('&agrave;&Ecirc;&ocirc;&dstrok;&abreve;')).toBe('àÊôđă');
    expect(htmlToText('&#0;&#xD800;&#x110000;')).toBe('\ufffd\ufffd\ufffd');
    expect(htmlToText('&unknown; &amp')).toBe('&unknown; &');
  });

  it('does not decode entities into markup', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>');
  });

  it('collapses whitespace, including &nbsp; and escaped newlines', () => {
    expect(htmlToText('  <p>  a \t\n b&nbsp;&nbsp;c&#10;d  </p>\n\n<p></p><p> e </p>  ')).toBe('a b c d\ne');
  });

  it('handles mutation-XSS strings as text', () => {
    expect(htmlToText('<noscript><p title="</noscript><img src=x onerror=alert(1)>">')).toBe('">');
  });

  it('stays fast on hostile markup', () => {
    const hostile = '<a "'.repeat(200_000) + '<b x="'.repeat(100_000) + '&#x'.repeat(100_000);
    const start = performance.now();
    htmlToText(hostile);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('decodeEntities', () => {
  it('leaves text without ampersands alone', () => {
    expect(decodeEntities('không có gì')).toBe('không có gì');
  });
});

describe('excerpt', () => {
  it('returns short text unchanged (trimmed)', () => {
    expect(excerpt('  ngắn  ', 10)).toBe('ngắn');
  });

  it('cuts on a word boundary and adds an ellipsis within the limit', () => {
    const text = 'Một hai ba bốn năm sáu bảy tám chín mười';
    const result = excerpt(text, 20);
    expect(result).toBe('Một hai ba bốn năm…');
    expect(result.length).toBeLessThanOrEqual(20);
  });

  it('drops trailing punctuation before the ellipsis', () => {
    expect(excerpt('Hà Nội, Huế, Sài Gòn', 14)).toBe('Hà Nội, Huế…');
  });

  it('cuts a single long word hard without breaking characters', () => {
    expect(excerpt('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(excerpt('😀'.repeat(10), 6)).toBe('😀😀…');
    const nfd = 'ệ'.normalize('NFD').repeat(10);
    const cut = excerpt(nfd, 8);
    expect(cut.normalize('NFC')).toBe(`${'ệ'.repeat(2)}…`);
  });

  it('handles tiny limits', () => {
    expect(excerpt('abc def', 1)).toBe('…');
    expect(excerpt('abc def', 0)).toBe('');
  });
});
