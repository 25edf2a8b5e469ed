import { describe, expect, test } from 'vitest';
import { htmlToBriefbookText } from './html-to-briefbook';

describe('HTML → Briefbook text', () => {
  // the clipboard fixtures from Word, LibreOffice and a web page: tests/paste/paste-fixtures.test.ts
  test('Word list paragraphs become a list, not one run-on line', () => {
    const html =
      "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp; </span></span><![endif]>one<o:p></o:p></p>" +
      "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp; </span></span><!--[endif]-->two<o:p></o:p></p>";
    expect(htmlToBriefbookText(html)).toBe('- one\n- two');
  });

  test('bold and italic from tags and from style attributes; normal weight switches bold off', () => {
    expect(htmlToBriefbookText('<p><b>a</b> <strong>b</strong> <i>c</i> <em>d</em></p>')).toBe('**a b** *c d*');
    expect(htmlToBriefbookText('<p><span style="font-weight: bold">a</span> <span style="FONT-WEIGHT:700">b</span> x <span style="font-style:italic">c</span></p>')).toBe(
      '**a b** x *c*',
    );
    expect(htmlToBriefbookText('<b style="font-weight:normal"><p>plain <span style="font-weight:600">heavy</span></p></b>')).toBe('plain **heavy**');
  });

  test('images, scripts, styles, colours and fonts go; links and table cells keep their text', () => {
    expect(
      htmlToBriefbookText(
        '<style>p{}</style><script>x()</script><p><font color=red face=Arial>red</font> <a href="http://x">link</a><img src="y" alt="z"></p><table><tr><td>c1</td><td>c2</td></tr></table>',
      ),
    ).toBe('red link\n\nc1\n\nc2');
  });

  test('a literal that would read as markup stays literal', () => {
    expect(htmlToBriefbookText('<p>1. not a list</p><p>5*3*2</p>')).toBe('    1. not a list\n\n5＊3＊2');
  });

  test('lists deeper than one level join the first nested level', () => {
    expect(htmlToBriefbookText('<ul><li>a<ol><li>b<ul><li>c</li></ul></li></ol></li></ul>')).toBe('- a\n  1. b\n  2. c');
  });

  test('entities and non-breaking spaces', () => {
    expect(htmlToBriefbookText('<p>Tom&nbsp;&amp;&nbsp;Jerry&rsquo;s &lt;b&gt;</p>')).toBe('Tom & Jerry’s <b>');
  });
});
