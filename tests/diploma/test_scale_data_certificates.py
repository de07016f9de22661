"""The generated bench data gives every certificate the history of its issue."""

from io import StringIO

import pytest
from django.core.management import call_command

from students.models import Certificate, CertificateEvent


@pytest.mark.django_db
def test_every_generated_certificate_was_issued_by_its_issuer_at_its_time():
    call_command("generate_scale_data", "--scale", "0.01", stdout=StringIO())

    certificates = Certificate.objects.filter(enrolment__edition__slug__startswith="bench-")
    assert certificates.exists()
    issued = set(certificates.values_list("pk", "issued_at", "issued_by_id"))
    events = CertificateEvent.objects.filter(certificate__in=certificates)
    assert set(events.values_list("kind", flat=True)) == {CertificateEvent.Kind.ISSUE}
    assert set(events.values_list("certificate_id", "at", "by_id")) == issued
    assert events.count() == len(issued)


@pytest.mark.django_db
def test_resetting_the_bench_data_removes_the_certificate_history_too():
    call_command("generate_scale_data", "--scale", "0.01", stdout=StringIO())
    first = CertificateEvent.objects.count()

    call_command("generate_scale_data", "--scale", "0.01", "--reset", stdout=StringIO())

    assert CertificateEvent.objects.count() == first
    assert not CertificateEvent.objects.exclude(
        certificate__enrolment__edition__slug__startswith="bench-"
    ).exists()
