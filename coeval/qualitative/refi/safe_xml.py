"""Parse QDA-XML without ever expanding entities, loading DTDs or touching the network.

REFI-QDA files never need a DOCTYPE, so any document that declares one is refused outright:
that shuts out "billion laughs" expansion and external entities (file or network reads)
before they can do anything.
"""

from lxml import etree

from coeval.qualitative.refi.errors import QdpxImportError


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, what: str) -> etree._Element:
    """The root element of ``data``; ``what`` names the file in error messages."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise QdpxImportError(
            f"{what} declares a DOCTYPE or entities. REFI-QDA files never need them and they "
            "can be used to attack the server, so the file was refused."
        )
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as error:
        raise QdpxImportError(f"{what} is not well-formed XML: {error}.") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise QdpxImportError(
            f"{what} declares a DOCTYPE. REFI-QDA files never need one, so the file was refused."
        )
    return tree.getroot()
