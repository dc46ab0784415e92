"""PDF metadata that WeasyPrint does not write itself.

An archival PDF/A file of a report also claims PDF/UA-1: the PDF/UA
identification goes into its XMP metadata, with the extension schema PDF/A
requires for any property outside its own schemas (docs/council-report.md).
"""

from __future__ import annotations

from typing import Any

__all__ = ["declare_pdfua_1"]

PDFUA_ID = (
    b'<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
    b' pdfuaid:part="1"/>'
)
# PDF/A allows XMP properties only from its own schemas or declared extension schemas.
PDFUA_EXTENSION_SCHEMA = b"""<rdf:Description rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>part</pdfaProperty:name>
   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
  </rdf:li></rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""


def declare_pdfua_1(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: add the PDF/UA-1 identification (and its PDF/A extension
    schema) to the XMP that a PDF/A variant wrote, so the file claims both."""
    metadata = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    xmp = b"".join(metadata.stream)
    if xmp.count(b"</rdf:RDF>") != 1:
        raise ValueError("unexpected XMP metadata: no single rdf:RDF element")
    metadata.stream = [
        xmp.replace(b"</rdf:RDF>", PDFUA_ID + PDFUA_EXTENSION_SCHEMA + b"</rdf:RDF>")
    ]
