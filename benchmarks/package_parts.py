"""The fixed parts of a generated SOP package: content types, relationships, styles, numbering, settings,
header and footer. Only word/document.xml varies with size and variant (see generate.py)."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = DECLARATION + f"""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_MAIN}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_MAIN}.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="{_MAIN}.numbering+xml"/>
<Override PartName="/word/settings.xml" ContentType="{_MAIN}.settings+xml"/>
<Override PartName="/word/header1.xml" ContentType="{_MAIN}.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="{_MAIN}.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml"
 ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

ROOT_RELS = DECLARATION + f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Target="docProps/core.xml"
 Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"/>
<Relationship Id="rId3" Type="{_RELS}/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = DECLARATION + f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_RELS}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_RELS}/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="{_RELS}/settings" Target="settings.xml"/>
<Relationship Id="rId4" Type="{_RELS}/header" Target="header1.xml"/>
<Relationship Id="rId5" Type="{_RELS}/footer" Target="footer1.xml"/>
</Relationships>"""


def _paragraph_style(style_id: str, name: str, ppr: str = "", rpr: str = "", based_on: str = "Normal") -> str:
    based = f'<w:basedOn w:val="{based_on}"/><w:next w:val="Normal"/>' if based_on else ""
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}<w:qFormat/>'
            f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>")


_BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                   for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))

STYLES = DECLARATION + f"""<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/>
<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
{_paragraph_style("Title", "Title", '<w:jc w:val="center"/>', '<w:b/><w:sz w:val="36"/>')}
{_paragraph_style("Heading1", "heading 1", '<w:keepNext/><w:spacing w:before="360"/><w:outlineLvl w:val="0"/>',
                  '<w:b/><w:sz w:val="30"/>')}
{_paragraph_style("Heading2", "heading 2", '<w:keepNext/><w:spacing w:before="200"/><w:outlineLvl w:val="1"/>',
                  '<w:b/><w:sz w:val="26"/>')}
{_paragraph_style("BodyText", "Body Text", '<w:jc w:val="both"/>')}
{_paragraph_style("ListParagraph", "List Paragraph", '<w:ind w:left="720"/><w:contextualSpacing/>')}
{_paragraph_style("ListNumber", "List Number",
                  '<w:numPr><w:numId w:val="1"/></w:numPr><w:ind w:left="720" w:hanging="360"/><w:contextualSpacing/>')}
{_paragraph_style("TableText", "Table Text", '<w:spacing w:after="0"/>', '<w:sz w:val="20"/>')}
{_paragraph_style("Header", "header", '<w:tabs><w:tab w:val="right" w:pos="9360"/></w:tabs>')}
{_paragraph_style("Footer", "footer", '<w:jc w:val="center"/>')}
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>
<w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr>
<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr>
<w:tblBorders>{_BORDERS}</w:tblBorders></w:tblPr></w:style>
</w:styles>"""

# numId 1: decimal "1." list (through the List Number style); numId 2: lowerLetter "a." list (direct numPr).
NUMBERING = DECLARATION + f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

SETTINGS = DECLARATION + f"""<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:trackRevisions/>
<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat>
<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
</w:compat></w:settings>"""

HEADER = DECLARATION + f"""<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>
<w:r><w:t xml:space="preserve">Standard Operating Procedure {{number}}</w:t></w:r><w:r><w:tab/></w:r>
<w:r><w:t>Controlled copy</w:t></w:r></w:p></w:hdr>"""

FOOTER = DECLARATION + f"""<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>
<w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>
</w:p></w:ftr>"""

CORE = DECLARATION + """<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title>
<dc:creator>Document Control</dc:creator><cp:lastModifiedBy>Pat Reviewer</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T09:00:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-18T16:30:00Z</dcterms:modified></cp:coreProperties>"""

APP = DECLARATION + """<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>Redliner benchmark generator</Application><Pages>{pages}</Pages></Properties>"""

SECTION_PROPERTIES = ('<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>'
                      '<w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="12240" w:h="15840"/>'
                      '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" '
                      'w:footer="720" w:gutter="0"/></w:sectPr>')
