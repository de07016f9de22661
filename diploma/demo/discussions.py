"""Discussions of the running PUCP edition: questions with their answers, an activity thread
that the instructor closed, a post hidden by a moderator and a corrected one. Idempotent:
threads are keyed on their module and title."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractUser

from courses.models import (
    DiscussionPost,
    DiscussionSubscription,
    DiscussionThread,
    Module,
    PostReport,
    PostRevision,
    ThreadRead,
)
from students.models import Enrolment


@dataclass(frozen=True)
class Post:
    author: str  # a username, or "s<n>": the n-th other student of the edition
    hours: float  # after the thread was opened
    body: str
    hidden: str = ""  # the moderator's reason
    earlier: str = ""  # the text before its author corrected it


@dataclass(frozen=True)
class Thread:
    module: str
    title: str
    days_ago: float
    posts: tuple[Post, ...]
    lesson: str = ""
    is_question: bool = False
    answer: int | None = None  # index of the post that answers the question
    pinned: bool = False
    locked: bool = False


THREADS = (
    Thread(
        "politicas-migratorias",
        "Bienvenida: cómo usaremos este foro",
        40,
        (
            Post(
                "instructor",
                0,
                "Bienvenidas y bienvenidos al módulo. Este foro es el lugar para las preguntas "
                "sobre las lecturas y para las actividades que piden *responder en el foro*.\n\n"
                "- Un hilo por tema: busquen antes de abrir uno nuevo.\n"
                "- Citen la fuente cuando den una cifra.\n"
                "- Respondo los martes y jueves; el equipo de coordinación también lee el foro.",
            ),
            Post(
                "student",
                5,
                "Gracias, profesora. Para quienes seguimos el diploma desde provincias, ¿las "
                "sesiones se graban?",
            ),
            Post(
                "instructor",
                20,
                "Sí: la grabación y las diapositivas aparecen en la página del módulo al día "
                "siguiente de cada sesión.",
            ),
        ),
        pinned=True,
    ),
    Thread(
        "politicas-migratorias",
        "¿La Decisión 545 obliga igual que un convenio de la OIT?",
        18,
        (
            Post(
                "student",
                0,
                "En la lección sobre gobernanza internacional aparecen la **Decisión 545** de la "
                "Comunidad Andina y los convenios 97 y 143 de la OIT. Las decisiones andinas, "
                "¿necesitan ratificación como los convenios o se aplican directamente?",
            ),
            Post(
                "s0",
                3,
                "Entiendo que el derecho comunitario andino tiene aplicación directa, pero no sé "
                "si eso vale también para la 545, que requería reglamentación nacional.",
            ),
            Post(
                "instructor",
                26,
                "Buena pregunta. Las decisiones de la Comunidad Andina son obligatorias para los "
                "países miembros desde su publicación en la Gaceta Oficial del Acuerdo de "
                "Cartagena y no se ratifican; los convenios de la OIT, en cambio, obligan solo a "
                "quien los ratifica. Lo que ocurre con la 545 es que varias de sus disposiciones "
                "se remiten a normas nacionales para aplicarse: la obligación existe, pero su "
                "cumplimiento depende de esa reglamentación. Lo veremos con ejemplos en la mesa "
                "redonda con la Cancillería.",
            ),
            Post(
                "student",
                30,
                "Clarísimo, gracias. Eso explica la distancia entre norma y práctica.",
            ),
        ),
        lesson="gobernanza-internacional",
        is_question=True,
        answer=2,
    ),
    Thread(
        "politicas-migratorias",
        "Actividad: un instrumento y sus obligaciones para el Perú",
        14,
        (
            Post(
                "instructor",
                0,
                "Como pide la lección, elijan un instrumento de la tabla y respondan aquí: ¿qué "
                "obligaciones concretas genera para el Perú como país de origen? Plazo: una "
                "semana.",
            ),
            Post(
                "student2",
                20,
                "Elijo la Convención internacional de 1990 sobre los trabajadores migratorios. "
                "Obliga al Perú a proteger a sus nacionales en todas las etapas, también antes de "
                "partir: información veraz sobre el empleo ofrecido y control de las agencias de "
                "colocación. Cambiaría mucho si la ratificaran España o Estados Unidos, donde "
                "vive buena parte de la diáspora.",
                earlier="Elijo la Convención de 1990. Obliga a proteger a los nacionales.",
            ),
            Post(
                "s1",
                30,
                "Tomo el convenio de flujos laborales con España: abrió la puerta a más de 1500 "
                "trabajadores con permiso, pero es muy poco frente a los más de 300 000 peruanos "
                "que salieron en 2005 y no volvieron. La vía bilateral ordena una parte pequeña.",
            ),
            Post(
                "s2",
                50,
                "Yo elegí el Pacto Mundial de 2018: no es vinculante, pero el Perú lo usa como "
                "marco para su política nacional migratoria.",
            ),
            Post(
                "instructor",
                170,
                "Gracias por los aportes: el plazo terminó y cierro el hilo. Comentaré las "
                "respuestas en la próxima sesión en vivo.",
            ),
        ),
        lesson="gobernanza-internacional",
        locked=True,
    ),
    Thread(
        "politicas-migratorias",
        "¿De dónde sale la cifra de 2,5 millones de peruanos en el exterior?",
        4,
        (
            Post(
                "s3",
                0,
                "En una nota de prensa leí que casi el 10 % de la población peruana vive fuera "
                "del país. ¿Es un dato censal o una estimación?",
            ),
            Post(
                "student2",
                6,
                "Creo que combina registros de Migraciones (salidas sin retorno) con los "
                "registros consulares. La lección del caso de la encuesta mundial lo discute.",
            ),
        ),
        lesson="encuesta-peruanos-en-el-exterior",
        is_question=True,
    ),
    Thread(
        "remesas-y-desarrollo",
        "Remesas de 2006: ¿el 2 % del PBI es mucho o poco?",
        12,
        (
            Post(
                "student2",
                0,
                "En 2006 las remesas sumaron unos **1800 millones de dólares**, alrededor del 2 % "
                "del producto. Comparado con Centroamérica parece poco, pero en mi provincia se "
                "nota mucho. ¿Cómo se compara bien?",
            ),
            Post(
                "rquispe",
                8,
                "Conviene mirar tres cosas a la vez: el peso en el PBI nacional, el peso en el "
                "ingreso de los hogares que las reciben y su concentración territorial. En el "
                "Perú el promedio nacional es moderado, pero en algunas provincias de la costa "
                "norte y de Junín representan una parte grande del ingreso familiar. Las series "
                "del BCRP permiten ver la evolución trimestral.",
            ),
            Post(
                "s4",
                20,
                "En Huancayo lo vemos en la construcción: muchas casas de dos pisos se levantan "
                "con remesas desde España e Italia.",
            ),
            Post(
                "s5",
                22,
                "¡Envíos a Lima y provincias con la mejor tasa del mercado! Escríbanme por "
                "mensaje privado y les hago precio especial de estudiante.",
                hidden="Publicidad comercial: no corresponde al foro del curso.",
            ),
        ),
        lesson="remesas-en-el-peru",
        is_question=True,
        answer=1,
    ),
    Thread(
        "remesas-y-desarrollo",
        "Remesas sociales: ¿cómo se miden?",
        2,
        (
            Post(
                "s0",
                0,
                "La tipología de la primera lección incluye las *remesas sociales*: ideas, "
                "prácticas e identidades que circulan entre el destino y el origen. ¿Alguien "
                "conoce estudios que las midan en el Perú?",
            ),
            Post(
                "student",
                4,
                "En la Cancillería trabajamos con asociaciones de peruanos en Milán que "
                "financian fiestas patronales y obras en sus pueblos. No sé si eso se mide, pero "
                "sí se nota en la vida de las comunidades.",
            ),
            Post(
                "rquispe",
                30,
                "Suelen estudiarse con métodos cualitativos: entrevistas a familias a ambos lados "
                "y seguimiento de asociaciones. Un buen punto de partida es comparar qué "
                "prácticas cambian en el lugar de origen cuando vuelve alguien de la familia.",
            ),
        ),
        lesson="que-son-las-remesas",
    ),
)


def load_discussions(modules: list[Module], enrolments: list[Enrolment], now: dt.datetime) -> None:
    by_slug = {module.slug: module for module in modules}
    people = _people(modules, enrolments)
    for spec in THREADS:
        module = by_slug.get(spec.module)
        if (
            module is None
            or DiscussionThread.objects.filter(module=module, title=spec.title).exists()
        ):
            continue
        _thread(spec, module, people, now)


def _people(modules: list[Module], enrolments: list[Enrolment]) -> dict[str, AbstractUser]:
    students = [e.user for e in enrolments if e.is_active]
    people = {user.username: user for user in students}
    named = {"student", "student2"}
    others = [user for user in students if user.username not in named]
    people.update({f"s{n}": user for n, user in enumerate(others)})
    for module in modules:
        for teaching in module.teaching.select_related("instructor__user"):
            people[teaching.instructor.user.username] = teaching.instructor.user
    return people


def _thread(spec: Thread, module: Module, people: dict, now: dt.datetime) -> None:
    opened = now - dt.timedelta(days=spec.days_ago)
    thread = DiscussionThread.objects.create(
        module=module, author=people[spec.posts[0].author], title=spec.title,
        lesson=module.lessons.filter(slug=spec.lesson).first() if spec.lesson else None,
        is_question=spec.is_question, is_pinned=spec.pinned, is_locked=spec.locked,
        created_at=opened,
    )  # fmt: skip
    posts = []
    for item in spec.posts:
        at = opened + dt.timedelta(hours=item.hours)
        post = DiscussionPost(
            thread=thread, author=people[item.author], body=item.body, created_at=at,
            edited_at=at + dt.timedelta(minutes=12) if item.earlier else None,
            is_hidden=bool(item.hidden), hidden_reason=item.hidden,
        )  # fmt: skip
        post.render_body()
        post.save()
        posts.append(post)
        if item.earlier:
            PostRevision.objects.create(post=post, body=item.earlier, replaced_at=post.edited_at)
        if item.hidden:
            moderator = module.teaching.select_related("instructor__user").first().instructor.user
            post.hidden_by = moderator
            post.save(update_fields=["hidden_by"])
            PostReport.objects.create(
                post=post, reporter=people[spec.posts[0].author], created_at=at,
                reason="Es publicidad de una casa de cambio.", handled=True,
                handled_by=moderator, handled_at=at + dt.timedelta(hours=2),
            )  # fmt: skip
    thread.last_post_at = posts[-1].created_at
    thread.answered_post = posts[spec.answer] if spec.answer is not None else None
    thread.save(update_fields=["last_post_at", "answered_post"])
    DiscussionSubscription.objects.get_or_create(user=thread.author, thread=thread)
    # The named student has read the older threads; the newer ones show as unread.
    if spec.days_ago > 10 and "student" in people:
        ThreadRead.objects.get_or_create(
            user=people["student"], thread=thread, defaults={"last_read_at": thread.last_post_at}
        )
