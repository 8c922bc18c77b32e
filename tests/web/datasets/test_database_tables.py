"""Connecting a database table: the address is stored encrypted and the engine runs there."""

import os

import duckdb
import pytest

from coeval.web.core.models import AuditEvent
from coeval.web.datasets import crypto
from coeval.web.datasets.models import Analysis, Dataset
from tests.web.datasets.conftest import PATIENT_MAPPING, analyse, map_columns, patients


def _connect(client, world, url, table="bp_checks"):
    return client.post(
        f"/data/teams/{world.team.pk}/connect/",
        {
            "name": "BP checks table",
            "connection_url": url,
            "table_name": table,
            "shape": "patients",
        },
    )


@pytest.mark.django_db
def test_a_connected_table_keeps_its_address_encrypted_and_is_analysed_where_it_is(
    world, client_for, tmp_path
):
    path = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.register("frame", patients(500))
        connection.execute("CREATE TABLE bp_checks AS SELECT * FROM frame")
    url = f"duckdb://{path}"
    response = _connect(client_for("analyst"), world, url)
    dataset = Dataset.objects.get()
    assert response.status_code == 302
    assert str(path) not in dataset.connection_encrypted
    assert crypto.decrypt(dataset.connection_encrypted) == url
    assert dataset.status == Dataset.Status.NEEDS_MAPPING
    assert dataset.row_count == 500
    assert AuditEvent.objects.filter(summary__contains="Connected the table bp_checks").exists()
    analysis = analyse(world, map_columns(world, dataset, PATIENT_MAPPING), dimensions=("imd",))
    assert analysis.status == Analysis.Status.DONE, analysis.error


@pytest.mark.django_db
def test_an_unreachable_table_is_reported_and_nothing_is_imported(world, client_for, tmp_path):
    _connect(client_for("analyst"), world, f"duckdb://{tmp_path / 'none.duckdb'}", "missing")
    dataset = Dataset.objects.get()
    assert dataset.status == Dataset.Status.PROBLEMS
    assert "could not be read" in dataset.problems[0]["message"]


def test_redacting_an_address_hides_the_password():
    assert crypto.redact("postgres://ana:s3cret@db:5432/x") == "postgres://ana:••••@db:5432/x"


@pytest.mark.django_db
def test_the_audit_trail_never_holds_a_connection_password(world):
    from coeval.web.datasets import actions

    actions.connect_table(
        world.user("analyst"),
        world.team,
        name="Warehouse",
        connection_url="postgres://ana:s3cret-pass@127.0.0.1:1/none",
        table_name="bp",
    )
    assert AuditEvent.objects.filter(summary__contains="ana:••••@").exists()
    assert not AuditEvent.objects.filter(summary__contains="s3cret-pass").exists()
    assert not AuditEvent.objects.filter(changes__icontains="s3cret-pass").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_table_is_analysed_where_it_is(world, client_for):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL: DATABASE_URL is set to one on the test script's second pass")
    from django.db import connection

    name = connection.settings_dict["NAME"]
    settings = connection.settings_dict
    address = (
        f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}@{settings['HOST']}:"
        f"{settings['PORT']}/{name}"
    )
    frame = patients(400)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE coeval_test_bp (imd_quintile int, ethnicity text, age int, sex text, "
            "year int, bp_checked int)"
        )
        cursor.executemany(
            "INSERT INTO coeval_test_bp VALUES (%s, %s, %s, %s, %s, %s)",
            [
                tuple(r)
                for r in frame[["imd_quintile", "ethnicity", "age", "sex", "year", "bp_checked"]]
                .astype(object)
                .itertuples(index=False)
            ],  # fmt: skip
        )
    try:
        _connect(client_for("analyst"), world, address, "coeval_test_bp")
        dataset = Dataset.objects.get()
        assert dataset.status == Dataset.Status.NEEDS_MAPPING, dataset.problems
        assert dataset.row_count == 400
        analysis = analyse(world, map_columns(world, dataset), dimensions=("imd",))
        assert analysis.status == Analysis.Status.DONE, analysis.error
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS coeval_test_bp")
