import pytest

SAMPLES = ("nvivo_project.qdpx", "qc_cproctor_demo.qdpx")


@pytest.fixture(scope="session")
def refi_dir(reference_dir):
    return reference_dir / "refi-qda"


@pytest.fixture(scope="session")
def project_schema(refi_dir):
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(refi_dir / "Project-mrt2019.xsd"))


@pytest.fixture(scope="session")
def codebook_schema(refi_dir):
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(refi_dir / "Codebook.xsd"))


@pytest.fixture(params=SAMPLES)
def sample(request, refi_dir) -> bytes:
    """The bytes of each real exported project in turn."""
    return (refi_dir / request.param).read_bytes()
