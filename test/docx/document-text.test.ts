// WordprocessingML → the parser's text: paragraphs as lines, table rows as tab-separated lines with
// a cell per grid column, page breaks as form feeds, and what is not the document's text left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../../src/docx/document-text.js';
import { XmlError } from '../../src/docx/xml.js';
import { documentXml, para, tableXml, type Block } from './build-docx.js';

const text = (blocks: Block[]) => documentText(documentXml(blocks));
const run = (inner: string) => ({ xml: `<w:p><w:r>${inner}</w:r></w:p>` });

describe('documentText', () => {
  it('paragraphs are lines; a tab is a tab, a line break a new line; entities are decoded', () => {
    expect(text(['一、收支总体情况', '收入\t620.00', run('<w:t>甲</w:t><w:br/><w:t>乙 &amp; &lt;丙&gt; &#x4E01;&#25098;</w:t>')])).toBe('一、收支总体情况\n收入\t620.00\n甲\n乙 & <丙> 丁戊');
  });

  it('a page break is a form feed before the next line; a paragraph holding only the break adds no line', () => {
    expect(text(['第一页', run('<w:br w:type="page"/>'), '第二页', run('<w:t>甲</w:t><w:br w:type="page"/><w:t>乙</w:t>')])).toBe('第一页\n\f第二页\n甲\n\f乙');
  });

  it('where Word last broke the page counts only before a paragraph\'s text', () => {
    expect(text([run('<w:lastRenderedPageBreak/><w:t>新页</w:t>'), run('<w:t>一句话跨</w:t><w:lastRenderedPageBreak/><w:t>了页</w:t>')])).toBe('\f新页\n一句话跨了页');
  });

  it('a page break before a paragraph (pageBreakBefore) starts a page', () => {
    expect(text([{ xml: '<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>表一</w:t></w:r></w:p>' }])).toBe('\f表一');
  });

  it('a table row is one line, a cell per grid column: empty cells kept, spans and merges expanded', () => {
    const rows = [
      [{ text: '科目编码', vMerge: 'restart' as const }, { text: '基本支出', span: 3 }, ''],
      [{ vMerge: 'continue' as const }, '小计', '人员经费', '公用经费', '项目支出'],
      ['201', '', '1.00', '', '2.00'],
    ];
    expect(text([{ table: rows }])).toBe('科目编码\t基本支出\t\t\t\n\t小计\t人员经费\t公用经费\t项目支出\n201\t\t1.00\t\t2.00');
  });

  it('cells skipped before a row (gridBefore) and legacy horizontal merges keep the columns', () => {
    const hmerge = '<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>收入</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>支出</w:t></w:r></w:p></w:tc>';
    expect(text([{ table: [['合计', '3.00']], gridBefore: [1] }, { xml: `<w:tbl><w:tr>${hmerge}</w:tr></w:tbl>` }])).toBe('\t合计\t3.00\n收入\t\t支出');
  });

  it('a cell of several paragraphs or line breaks is one cell: Chinese runs on, other text keeps a space; a tab in a cell is a space', () => {
    expect(text([{ table: [[{ paras: ['基本', '支出'] }, { paras: ['1.00', '2.00'] }, { xml: `${para('单位：\t万元')}${run('<w:t>a</w:t><w:br/><w:t>b</w:t>').xml}` }]] }])).toBe('基本支出\t1.00 2.00\t单位： 万元a b');
  });

  it('a table inside a cell becomes that cell\'s text; the outer row stays one line', () => {
    const inner = tableXml([['甲', '1.00'], ['乙', '2.00']]);
    expect(text([{ table: [['说明', { xml: `${para('明细')}${inner}` }, '3.00']] }])).toBe('说明\t明细甲 1.00乙 2.00\t3.00');
  });

  it('leaves out deleted text, field codes, tab stops and the fallback copy of alternate content', () => {
    const xml = [
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>',
      '<w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins>',
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
      '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>框</w:t></w:r></mc:Fallback></mc:AlternateContent>',
      '</w:p>',
    ].join('');
    expect(text([{ xml }])).toBe('保留插入3框');
  });

  it('reads any prefix bound to the WordprocessingML namespace, and only that', () => {
    const xml = '<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w="urn:other"><x:body><x:p><x:r><x:t>甲</x:t><w:t>乙</w:t></x:r></x:p></x:body></x:document>';
    expect(documentText(xml)).toBe('甲');
  });

  it('reads elements in a default WordprocessingML namespace', () => {
    expect(documentText('<document xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><body><p><r><t>严格格式</t></r></p></body></document>')).toBe('严格格式');
  });

  it('keeps a hostile file from blowing up its text: spans capped at 64 columns, the whole text capped', () => {
    const wide = '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="99999999"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="1e9"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>';
    expect(text([{ xml: wide }])).toBe('\t'.repeat(64));
    expect(() => documentText(documentXml(Array(30).fill('二十个字的一行：一二三四五六七八九十')), 500)).toThrow(new XmlError('正文过长（文字超过 0.5 KB，与文本文件的上限相同），不像是一份预算公开文件'));
  });

  it('refuses malformed XML with a reason', () => {
    expect(() => documentText('<w:document><w:body><w:p></w:body></w:document>')).toThrow(new XmlError('XML 结构错误（</w:body> 与开始标签不匹配）'));
    expect(() => documentText('<w:document><w:t a=1>')).toThrow(XmlError);
  });

  it('any text dropped into the XML gives text or an XmlError, never another error', () => {
    const xml = documentXml(['甲', { table: [['1', { text: '2', span: 2 }]] }]);
    fc.assert(
      fc.property(fc.nat(xml.length), fc.string({ unit: fc.constantFrom('<', '>', '/', '"', '&', ';', '#', 'x', 'w', ':', 'p', 't', 'c', ' ', '=', '1') }), (at, junk) => {
        try {
          expect(typeof documentText(xml.slice(0, at) + junk + xml.slice(at))).toBe('string');
        } catch (err) {
          if (!(err instanceof XmlError)) throw err;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
