"""Word-processor documents to plain text (extractor.readers.office): RTF as Word writes it and a .docx built in
memory, with list marks, escapes, fields, tracked changes and tables; and the errors for corrupt input."""
from __future__ import annotations

import io
import zipfile

import pytest

from extractor.errors import RecordFormatError
from extractor.readers.office import docx_text, is_docx, rtf_text

# An RTF file as Word saves it (shortened): tables, a header, a numbered list with a sub-level, a Symbol-font
# bullet list, a hyperlink field, \'hh and \uN escapes, a table row, and a theme/datastore tail.
WORD_RTF = r"""{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff0\deff0\stshfdbch31505\stshfloch31506\deflang1033
{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}
{\f3\fbidi \froman\fcharset2\fprq2{\*\panose 05050102010706020507}Symbol;}
{\f10\fbidi \fnil\fcharset2\fprq2{\*\panose 05000000000000000000}Wingdings;}}
{\colortbl;\red0\green0\blue0;\red5\green99\blue193;}
{\stylesheet{\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \fs24\lang1033 \snext0 \sqformat \spriority0 Normal;}
{\s34\ql \li720\ri0\contextualspace \sbasedon0 \sqformat \spriority34 List Paragraph;}}
{\*\listtable{\list\listtemplateid-1\listhybrid{\listlevel\levelnfc0\levelnfcn0\leveljc0\levelstartat1{\leveltext\'02\'00.;}{\levelnumbers\'01;}\fi-360\li720\lin720 }
{\listlevel\levelnfc4\levelnfcn4\leveljc0\levelstartat1{\leveltext\'02\'01.;}{\levelnumbers\'01;}\fi-360\li1440\lin1440 }{\listname ;}\listid1}}
{\*\listoverridetable{\listoverride\listid1\listoverridecount0\ls1}{\listoverride\listid2\listoverridecount0\ls2}}
{\*\rsidtbl \rsid1180\rsid2210}{\mmathPr\mmathFont34\mbrkBin0}
{\info{\title Eligibility}{\author Study Team}{\operator Study Team}{\creatim\yr2024\mo3\dy4\hr10\min2}{\nofpages1}}
{\*\xmlnstbl {\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}
\paperw12240\paperh15840\margl1440\margr1440\margt1440\margb1440 \ltrsect
\sectd \ltrsect\linex0\endnhere\sectlinegrid360\sectdefaultcl\sftnbj {\header \ltrpar \pard\plain \ltrpar\s15\qc \li0\ri0\widctlpar
\rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 Protocol XYZ-001 \endash  Confidential}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 \par }}{\*\pnseclvl1\pnucrm\pnqc\pnstart1\pnindent720\pnhang {\pntxta .}}
\pard\plain \ltrpar\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033
{\rtlch\fcs1 \ab\af0 \ltrch\fcs0 \b\insrsid1180 Inclusion criteria:}{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 \par }
{\listtext\pard\plain\ltrpar \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 \hich\af0\dbch\af31505\loch\f0 1.\tab}
\pard\plain \ltrpar\s34\ql \fi-360\li720\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\ls1\adjustright\rin0\lin720\itap0\pararsid1180\contextualspace
\rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 Age \u8805\'3f 18 years}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 \par }
{\listtext\pard\plain\ltrpar \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 \hich\af0\dbch\af31505\loch\f0 2.\tab}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 Signed informed consent (see }{\field{\*\fldinst {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180
 HYPERLINK "https://example.org/icf" }{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 {\*\datafield 00d0c9ea79f9bace118c8200aa004ba90b0200000003}}}
{\fldrslt {\rtlch\fcs1 \af0 \ltrch\fcs0 \cs16\ul\cf2\insrsid1180 ICF version 2}}}\sectd \ltrsect\linex0\endnhere\sectlinegrid360\sectdefaultcl\sftnbj
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 )\par }
{\listtext\pard\plain\ltrpar \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 \hich\af0\dbch\af31505\loch\f0 a.\tab}
\pard\plain \ltrpar\s34\ql \fi-360\li1440\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\ls1\ilvl1\adjustright\rin0\lin1440\itap0\pararsid1180\contextualspace
\rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 Caf\'e9 au lait spots \'96 fewer than 6}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 \par }
{\listtext\pard\plain\ltrpar \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 \hich\af0\dbch\af31505\loch\f0 b.\tab}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 ANC {\f3 \'b3} 1.5 \'d7 10}{\rtlch\fcs1 \af0 \ltrch\fcs0 \super\insrsid1180 9}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 /L{\v  (hidden note)}\par }
\pard\plain \ltrpar\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033
{\rtlch\fcs1 \ab\af0 \ltrch\fcs0 \b\insrsid1180 Exclusion criteria:}{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1180 \par }
{\listtext\pard\plain\ltrpar \s34 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \f3\fs24\lang1033 \loch\af3\dbch\af31505\hich\f3 \'b7\tab}
\pard\plain \ltrpar\s34\ql \fi-360\li720\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\ls2\adjustright\rin0\lin720\itap0\pararsid2210\contextualspace
\rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid2210 Pregnancy or breast\-feeding}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid2210 \par }
{\listtext\pard\plain\ltrpar \s34 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \f10\fs24\lang1033 \loch\af10\dbch\af31505\hich\f10 \'a7\tab}
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid2210 QTc\~> 470\~ms on ECG\emdash{\deleted\revauth1\revdttm1 at screening }confirmed\par }
\pard\plain \ltrpar\ql \li0\ri0\widctlpar\intbl\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid2210 Creatinine\cell \u8804\'3f 1.5 \'d7 ULN\cell }
\pard\plain \ltrpar\ql \li0\ri0\widctlpar\intbl\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1033
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid2210 \trowd \irow0\irowband0\lastrow \ltrrow\ts11\trgaph108\trleft-108\trftsWidth1\trftsWidthB3
\clvertalt\clbrdrt\brdrs\brdrw10 \cltxlrtb\clftsWidth3\clwWidth4675\clshdrawnil \cellx4567\clvertalt\clbrdrt\brdrs\brdrw10 \cltxlrtb\clftsWidth3\clwWidth4675\clshdrawnil \cellx9242\row }
\pard \ltrpar\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid2210 \par }
{\*\themedata 504b030414000600080000002100e9de0fbfff0000001c020000130000005b436f6e74656e745f54797065735d2e786d6cac91cb4ec3301045f748fc83e52d4a}
{\*\colorschememapping 3c3f786d6c2076657273696f6e3d22312e302220656e636f64696e673d225554462d3822207374616e64616c6f6e653d22796573223f3e}
{\*\latentstyles\lsdstimax376\lsdlockeddef0\lsdsemihiddendef0{\lsdlockedexcept \lsdqformat1 \lsdpriority0 \lsdlocked0 Normal;}}
{\*\datastore 01050000020000001800000057006f00720064002e0050006900630074007500720065000000}}
"""


def test_rtf_as_word_writes_it() -> None:
    assert rtf_text(WORD_RTF).split("\n") == [
        "Inclusion criteria:",
        "1. Age ≥ 18 years",
        "2. Signed informed consent (see ICF version 2)",
        "  a. Café au lait spots – fewer than 6",
        "  b. ANC ≥ 1.5 × 10^9/L",
        "Exclusion criteria:",
        "• Pregnancy or breastfeeding",
        "• QTc\u00a0> 470\u00a0ms on ECG—confirmed",
        "Creatinine\t≤ 1.5 × ULN",
    ]


def test_rtf_escapes_code_pages_and_unicode() -> None:
    rtf = (r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\fnil\fcharset204 Arial;}{\f1\fnil\fcharset0 Arial;}"
           r"{\f2\froman\fcharset2 Symbol;}}\pard"
           "\r\n"
           r"\'c2\'ee\'e7\'f0\'e0\'f1\'f2 {\f1 na\'efve} {\f2 m}g {\f2\u-3917\'b3} {\uc2\u8805\'81\'82 5} \u-10179?\u-8704? ok\line"
           r"\{braces\} back\\slash \lquote q\rquote  \ldblquote dq\rdblquote  non\_breaking opt\-ional\tab tab"
           r"{\*\bkmkstart b1}{\*\bkmkend b1}{\pict\wmetafile8\picw10 0100090000} \bullet  x\par}")
    assert rtf_text(rtf) == ("Возраст naïve μg ≥ ≥ 5 😀 ok\n"
                             "{braces} back\\slash ‘q’ “dq” non-breaking optional\ttab • x")


def test_rtf_wordpad_pntext_list_and_plain_paragraphs() -> None:
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}"
           "{\\f1\\fnil\\fcharset2 Symbol;}}\n{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \n"
           "\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang9 Exclusion criteria:\\par\n"
           "\\pard{\\pntext\\f1\\'B7\\tab}{\\*\\pn\\pnlvlblt\\pnf1\\pnindent0{\\pntxtb\\'B7}}\\fi-360\\li720"
           "\\sa200\\sl276\\slmult1 Prior chemotherapy\\par\n"
           "{\\pntext\\f0 2.\\tab}Active infection\\par\n\\pard\\sa200\\sl276\\slmult1\\par\n}\n")
    assert rtf_text(rtf) == "Exclusion criteria:\n• Prior chemotherapy\n2. Active infection"


@pytest.mark.parametrize("content", ["", "Inclusion criteria:\n1. Age >= 18", "<html>{\\rtf1}</html>", "{\\rtx1 x}"])
def test_rtf_that_is_not_rtf_is_rejected(content: str) -> None:
    with pytest.raises(RecordFormatError, match=r"^not an RTF document"):
        rtf_text(content)


def test_rtf_tolerates_truncation_and_stray_braces() -> None:
    assert rtf_text("\ufeff{\\rtf1 Age \\u8805? 18}} trailing\\") == "Age ≥ 18 trailing"
    assert rtf_text("{\\rtf1{\\fonttbl{\\f0 Arial;}}Unclosed {\\b group") == "Unclosed group"
    assert rtf_text("{\\rtf1 a{\\pict\\bin3 {}\\}b}") == "ab"  # the \bin data is skipped, braces and all


# ------------------------------------------------------------------------------------------------ DOCX

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/></Relationships>"""
DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
 Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
</Relationships>"""
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
  <w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/>
  <w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/>
  <w:lvlJc w:val="right"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>
  <w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1)"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="CriteriaList"/></w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:styleLink w:val="CriteriaList"/>
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="numbering" w:styleId="CriteriaList"><w:name w:val="Criteria List"/>
 <w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>
 <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet2"><w:name w:val="List Bullet 2"/><w:basedOn w:val="Normal"/>
 <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def _p(body: str, num: tuple[int, int] | None = None, style: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}<w:rPr><w:b/></w:rPr></w:pPr>{body}</w:p>"


def _r(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _cell(text: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="4675" w:type="dxa"/></w:tcPr>{_p(_r(text))}</w:tc>'


BODY = "".join([
    _p(_r("Inclusion criteria:", "<w:b/>")),
    _p(_r("Age ≥ 18 years"), (1, 0)),
    _p(_r("Adequate organ function:"), (1, 0)),
    _p(_r("ANC ≥ 1.5 × 10") + _r("9", '<w:vertAlign w:val="superscript"/>') + _r("/L"), (1, 1)),
    _p(_r("Platelets ") + '<w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>≥ 50</w:delText>'
       '</w:r></w:del><w:ins w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">' + _r("≥ 75") + "</w:ins>"
       + _r(" × 10") + _r("9", '<w:vertAlign w:val="superscript"/>') + _r("/L"), (1, 1)),
    _p(_r("Signed consent") + _r(" (draft)", "<w:vanish/>") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
       '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>'
       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r(" per section 4") +
       '<w:r><w:fldChar w:fldCharType="end"/></w:r>', (1, 0)),
    _p(_r("Contraception for "), (1, 1)),
    _p(_r("women"), (1, 2)),
    _p(_r("men"), (1, 2)),
    '<w:p><w:pPr><w:rPr><w:moveFrom w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    '<w:moveFrom w:id="4" w:author="A" w:date="2024-01-01T00:00:00Z">' + _r("Moved away") + "</w:moveFrom></w:p>",
    _p(_r("Exclusion criteria:", "<w:b/>")),
    _p(_r("Pregnancy"), (2, 0)),
    _p(_r("Known allergy to:"), style="ListBullet"),
    _p(_r("penicillin"), style="ListBullet2"),
    _p(_r("cephalosporins"), (2, 1)),
    _p(_r("Prior therapy") + '<w:r><w:tab/><w:t>within</w:t><w:br/><w:t>28 days</w:t></w:r>', (3, 0)),
    _p(_r("Surgery"), (3, 1)),
    _p(_r("Radiotherapy"), (3, 1)),
    _p(_r("Renumbered item"), (4, 0)),
    _p(_r("Hb ") + '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>' + _r(" 9 g/dL, WBC ")
       + _r("\uf0b3", '<w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/>') + _r(" 3"), (5, 0)),
    _p(_r("Not a list item"), (0, 0)),
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4675"/></w:tblGrid>'
    f'<w:tr>{_cell("Parameter")}{_cell("Limit")}</w:tr>'
    f'<w:tr>{_cell("Creatinine")}{_cell("≤ 1.5 × ULN")}</w:tr></w:tbl>',
    '<w:sdt><w:sdtPr><w:alias w:val="Footer note"/></w:sdtPr><w:sdtContent>' + _p(_r("In a content control"))
    + "</w:sdtContent></w:sdt>",
    '<w:sectPr><w:headerReference w:type="default" r:id="rId3" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:sectPr>',
])
DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:body>{BODY}</w:body></w:document>"""
HEADER = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {W}>{_p(_r("Protocol XYZ-001 confidential"))}</w:hdr>'
EXPECTED_DOCX = [
    "Inclusion criteria:",
    "1. Age ≥ 18 years",
    "2. Adequate organ function:",
    "  a. ANC ≥ 1.5 × 10^9/L",
    "  b. Platelets ≥ 75 × 10^9/L",
    "3. Signed consent per section 4",
    "  a. Contraception for",
    "    (i) women",
    "    (ii) men",
    "Exclusion criteria:",
    "- Pregnancy",
    "- Known allergy to:",
    "  - penicillin",
    "  - cephalosporins",
    "I) Prior therapy\twithin",
    "28 days",
    "  I.1. Surgery",
    "  I.2. Radiotherapy",
    "7. Renumbered item",
    "1) Hb ≥ 9 g/dL, WBC ≥ 3",
    "Not a list item",
    "Parameter\tLimit",
    "Creatinine\t≤ 1.5 × ULN",
    "In a content control",
]


def _docx(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _parts(overrides: dict[str, str | None] | None = None) -> dict[str, str | bytes]:
    """The members of the test .docx, with some replaced (or left out: None)."""
    parts: dict[str, str | None] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": DOCUMENT,
        "word/_rels/document.xml.rels": DOCUMENT_RELS, "word/numbering.xml": NUMBERING, "word/styles.xml": STYLES,
        "word/header1.xml": HEADER}
    parts.update(overrides or {})
    return {name: data for name, data in parts.items() if data is not None}


def test_docx_lists_tracked_changes_fields_and_tables() -> None:
    assert docx_text(_docx(_parts())).split("\n") == EXPECTED_DOCX


def test_docx_without_numbering_part_marks_every_list_item_with_a_dash() -> None:
    lines = docx_text(_docx(_parts({"word/numbering.xml": None}))).split("\n")
    assert lines[1:6] == ["- Age ≥ 18 years", "- Adequate organ function:", "  - ANC ≥ 1.5 × 10^9/L",
                          "  - Platelets ≥ 75 × 10^9/L", "- Signed consent per section 4"]
    assert lines[12] == "  - penicillin" and lines[14] == "- Prior therapy\twithin"


def test_docx_deleted_paragraph_mark_joins_the_next_paragraph() -> None:
    deleted_mark = '<w:pPr><w:rPr><w:del w:id="5" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    body = f'<w:p>{deleted_mark}{_r("Age ≥ 18 ")}</w:p>' + _p(_r("and ≤ 75 years"), (1, 0)) + _p(_r("Next"), (1, 0))
    document = f'<w:document {W}><w:body>{body}</w:body></w:document>'
    assert docx_text(_docx(_parts({"word/document.xml": document}))) == "1. Age ≥ 18 and ≤ 75 years\n2. Next"


def test_is_docx() -> None:
    assert is_docx(_docx(_parts()))
    assert not is_docx(_docx({"content.xml": "<office:document/>", "mimetype": "application/vnd.oasis"}))
    assert not is_docx(b"PK\x03\x04 truncated")
    assert not is_docx(WORD_RTF.encode("ascii"))
    assert not is_docx(b"")


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04\x14\x00 not really a zip", r"^corrupt \.docx: not a zip archive"),
    (b"{\\rtf1 an RTF file}", r"^corrupt \.docx: not a zip archive"),
    (_docx({"[Content_Types].xml": CONTENT_TYPES, "word/styles.xml": STYLES}),
     r"^corrupt \.docx: word/document\.xml is missing$"),
    (_docx(_parts({"word/document.xml": f"<w:document {W}><w:body><w:p>unclosed</w:body></w:document>"})),
     r"^corrupt \.docx: word/document\.xml is not well-formed XML \(mismatched tag"),
    (_docx(_parts({"word/numbering.xml": "not xml at all"})),
     r"^corrupt \.docx: word/numbering\.xml is not well-formed XML"),
    (_docx(_parts({"word/document.xml": '<!DOCTYPE d [<!ENTITY x "y">]><d>&x;</d>'})),
     r"^corrupt \.docx: word/document\.xml declares a DTD or entities$"),
])
def test_corrupt_docx_raises_record_format_error(data: bytes, message: str) -> None:
    with pytest.raises(RecordFormatError, match=message) as caught:
        docx_text(data)
    assert "\n" not in str(caught.value)


def test_docx_with_a_corrupt_member_raises_record_format_error() -> None:
    data = bytearray(_docx(_parts()))
    start = data.index(b"word/document.xml") + len("word/document.xml")  # the local header's file name
    data[start + 10:start + 40] = b"\x00" * 30  # garbage inside the deflated stream
    with pytest.raises(RecordFormatError, match=r"^corrupt \.docx: "):
        docx_text(bytes(data))


# ---- wired into the readers: a .docx or .rtf file, alone or in a directory, gives its criteria


def _criteria_of(path) -> list[tuple[str, str]]:
    import extractor
    from extractor.pipeline import Options
    from extractor.readers import iter_records
    from extractor.types import Record

    records = list(iter_records(str(path)))
    assert len(records) == 1 and isinstance(records[0], Record), records
    doc = extractor.process(records[0], options=Options(entities=False))
    return [(c.kind, " ".join(c.text.split())) for c in doc.criteria]


def test_rtf_file_is_read_as_criteria(tmp_path) -> None:
    path = tmp_path / "protocol.rtf"
    path.write_text(WORD_RTF, encoding="cp1252")
    assert _criteria_of(path) == [
        ("inclusion", "Age ≥ 18 years"), ("inclusion", "Signed informed consent (see ICF version 2)"),
        ("inclusion", "Café au lait spots – fewer than 6"), ("inclusion", "ANC ≥ 1.5 × 10^9/L"),
        ("exclusion", "Pregnancy or breastfeeding"), ("exclusion", "QTc > 470 ms on ECG—confirmed"),
        ("exclusion", "Creatinine ≤ 1.5 × ULN")]


def test_docx_file_is_read_whole_not_as_an_archive(tmp_path) -> None:
    path = tmp_path / "criteria.docx"
    path.write_bytes(_docx(_parts()))
    assert _criteria_of(path)[:6] == [
        ("inclusion", "Age ≥ 18 years"), ("inclusion", "Adequate organ function:"), ("inclusion", "ANC ≥ 1.5 × 10^9/L"),
        ("inclusion", "Platelets ≥ 75 × 10^9/L"), ("inclusion", "Signed consent per section 4"),
        ("inclusion", "Contraception for")]
    # in a directory too
    from extractor.readers import iter_records

    assert len(list(iter_records(str(tmp_path)))) == 1


def test_corrupt_docx_file_is_one_failure_naming_it(tmp_path) -> None:
    from extractor.readers import iter_records
    from extractor.types import Failure

    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04garbage")
    [failure] = list(iter_records(str(path)))
    assert isinstance(failure, Failure) and failure.source == str(path)
    assert failure.message == "corrupt .docx: not a zip archive holding word/document.xml"
