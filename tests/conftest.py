"""The named personas every test shares.

ana and bruno study in the running edition; carla studies in another programme's edition;
ivan teaches the migration-policy module of ana's edition (lead), gus is a guest in it;
olga teaches another module of the same edition; cora coordinates ana's edition; pablo works
for IOM, a partner of ana's programme; root is a superuser.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractUser
from django.core.cache import caches

from courses.models import Lesson, LiveSession, Module
from diploma.content_versions import forget_read_versions
from diploma.models import Edition, Institution, Programme
from students.models import Enrolment
from tests import factories as f


@dataclass
class World:
    programme: Programme
    edition: Edition
    other_edition: Edition
    open_edition: Edition
    module: Module
    other_module: Module
    lesson: Lesson
    session: LiveSession
    iom: Institution
    ana: AbstractUser
    bruno: AbstractUser
    carla: AbstractUser
    ivan: AbstractUser
    gus: AbstractUser
    olga: AbstractUser
    cora: AbstractUser
    pablo: AbstractUser
    root: AbstractUser
    ana_enrolment: Enrolment
    bruno_enrolment: Enrolment
    carla_enrolment: Enrolment


def build_world() -> World:
    pucp = f.InstitutionFactory(name="Pontificia Universidad Católica del Perú", acronym="PUCP")
    iom = f.InstitutionFactory(
        name="International Organization for Migration", acronym="IOM", kind="intergovernmental"
    )
    programme = f.ProgrammeFactory(
        title="International Migration, Globalization and Development",
        slug="migration-development",
        host=pucp,
    )
    f.ProgrammePartnerFactory(programme=programme, institution=pucp, role="host")
    f.ProgrammePartnerFactory(programme=programme, institution=iom, role="supporter")
    edition = f.EditionFactory(programme=programme, name="2026-II", slug="mig-2026-ii")
    open_edition = f.OpenEditionFactory(programme=programme, name="2027-I", slug="mig-2027-i")
    other_programme = f.ProgrammeFactory(title="Labour Migration", slug="labour-migration")
    other_edition = f.EditionFactory(programme=other_programme, name="2026", slug="lab-2026")

    module = f.ModuleFactory(
        edition=edition, title="Migration policy", slug="migration-policy", order=1
    )
    other_module = f.ModuleFactory(
        edition=edition, title="Remittances and development", slug="remittances", order=2,
        topic="remittances",
    )  # fmt: skip
    lesson = f.LessonFactory(module=module, title="Who migrates", slug="who-migrates", order=1)
    session = f.LiveSessionFactory(module=module, topic="Opening seminar")

    def student(username: str, edition: Edition) -> tuple[AbstractUser, Enrolment]:
        user = f.UserFactory(username=username, first_name=username.title())
        f.StudentProfileFactory(user=user)
        return user, f.EnrolmentFactory(user=user, edition=edition)

    ana, ana_enrolment = student("ana", edition)
    bruno, bruno_enrolment = student("bruno", edition)
    carla, carla_enrolment = student("carla", other_edition)

    ivan = f.UserFactory(username="ivan", first_name="Iván")
    f.ModuleInstructorFactory(module=module, instructor=f.InstructorFactory(user=ivan))
    gus = f.UserFactory(username="gus", first_name="Gustavo")
    f.ModuleInstructorFactory(module=module, instructor=f.InstructorFactory(user=gus), role="guest")
    olga = f.UserFactory(username="olga", first_name="Olga")
    f.ModuleInstructorFactory(module=other_module, instructor=f.InstructorFactory(user=olga))

    cora = f.UserFactory(username="cora", first_name="Cora")
    edition.coordinators.add(cora)
    open_edition.coordinators.add(cora)
    pablo = f.UserFactory(username="pablo", first_name="Pablo")
    f.PartnerStaffFactory(user=pablo, institution=iom)
    root = f.UserFactory(username="root", is_staff=True, is_superuser=True)

    return World(
        programme=programme, edition=edition, other_edition=other_edition,
        open_edition=open_edition, module=module, other_module=other_module, lesson=lesson,
        session=session, iom=iom, ana=ana, bruno=bruno, carla=carla, ivan=ivan, gus=gus,
        olga=olga, cora=cora, pablo=pablo, root=root, ana_enrolment=ana_enrolment,
        bruno_enrolment=bruno_enrolment, carla_enrolment=carla_enrolment,
    )  # fmt: skip


@pytest.fixture
def world(db) -> World:
    return build_world()


def clear_caches() -> None:
    """Forget everything cached: the shared cache, this process's own and the versions read."""
    for each in caches.all():
        each.clear()
    forget_read_versions()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    clear_caches()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    # Each test's client builds the middleware anew: without this, WhiteNoise would list every
    # static file then (about half a second); here it looks a file up when one is asked for.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.AXES_ENABLED = False
    settings.LANGUAGE_CODE = "es"
