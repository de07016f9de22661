"""Programme 2: a regional online diploma on labour migration, modelled on the IOM/GMIES course."""

from decimal import Decimal

from diploma.demo.specs import LessonSpec, Link, ModuleSpec, ProgrammeSpec, SessionSpec

IOM = Link("Organización Internacional para las Migraciones (OIM)", "https://www.iom.int/es")
ILO = Link("Organización Internacional del Trabajo (OIT)", "https://www.ilo.org/es")
NORMLEX = Link("NORMLEX: convenios de la OIT y sus ratificaciones", "https://normlex.ilo.org/")
DATA_PORTAL = Link("Portal de Datos sobre Migración", "https://www.migrationdataportal.org/es")
SDG = Link("Objetivos de Desarrollo Sostenible (ONU)", "https://sdgs.un.org/es/goals")

REGIONAL_DYNAMICS = """\
## Una región en movimiento

Centroamérica, México y el Caribe forman uno de los sistemas migratorios más dinámicos del mundo.
Los países de la región son a la vez de origen, tránsito, destino y retorno. La movilidad laboral
incluye la migración hacia Estados Unidos y Canadá, pero también flujos intrarregionales muy
intensos: trabajadores nicaragüenses en Costa Rica, guatemaltecos en el sur de México, haitianos
en República Dominicana.

## Rasgos comunes

- Una proporción alta de la migración ocurre por **canales irregulares**, con riesgos graves en
  el tránsito.
- Los empleos de destino se concentran en la agricultura, la construcción, el trabajo del hogar y
  los servicios.
- Las **remesas** son una parte muy importante del ingreso de millones de hogares de la región.
- La pandemia de COVID-19 agravó la precariedad de muchas personas trabajadoras migrantes y, a la
  vez, abrió nuevos escenarios de cooperación.

## Por qué una mirada regional

Ningún país puede gestionar por sí solo un fenómeno que atraviesa fronteras. La **Conferencia
Regional sobre Migración** (Proceso Puebla) reúne a los gobiernos de la región para dialogar y
acordar planes de acción; este diploma fue aprobado en una de sus reuniones viceministeriales como
parte de su plan estratégico.

### Para el foro

Describa el principal flujo de migración laboral que afecta a su país y el sector económico que
lo explica.
"""

REGIONAL_DATA = """\
## Medir la migración laboral

Las políticas necesitan datos sobre cuántas personas trabajan fuera de su país, dónde, en qué
sectores y en qué condiciones. En la región, esos datos provienen de fuentes dispersas.

| Fuente | Aporte |
|---|---|
| Censos y encuestas de hogares | Hogares con migrantes y receptores de remesas |
| Registros de permisos de trabajo | Migración laboral regular por sector |
| Registros de retorno y deportación | Perfil de quienes regresan |
| Encuestas en puntos de tránsito | Condiciones del trayecto |

## Problemas frecuentes

1. Definiciones distintas de «trabajador migrante» entre países.
2. Escasa desagregación por sexo, edad y pueblo indígena.
3. Casi ninguna información sobre la migración irregular y la temporal.

### Ejercicio

Identifique qué institución de su país produce información sobre permisos de trabajo para
extranjeros y con qué periodicidad la publica.
"""

STANDARDS = """\
## El marco de derechos

La protección de las personas trabajadoras migrantes descansa en normas internacionales que
los países de la región han ratificado en distinta medida.

| Instrumento | Idea central |
|---|---|
| Convenio 97 de la OIT | Igualdad de trato para migrantes regulares |
| Convenio 143 de la OIT | Derechos básicos de todas las personas migrantes |
| Convenio 189 de la OIT | Trabajo decente en el trabajo del hogar |
| Convención de la ONU de 1990 | Derechos de migrantes y familias, con o sin documentos |

## Igualdad de trato

El principio de igualdad de trato exige que una persona migrante reciba el mismo salario, las
mismas condiciones y la misma protección que una persona nacional que realiza el mismo trabajo.
Su aplicación depende de inspecciones laborales que lleguen a los sectores donde se emplean
migrantes, como la agricultura y el trabajo del hogar.

### Actividad

Consulte en NORMLEX cuáles de estos convenios ha ratificado su país y señale uno que
recomendaría ratificar, con sus razones.
"""

RIGHTS_BASED_APPROACH = """\
## Qué significa un enfoque de derechos

Un enfoque de derechos parte de que las personas migrantes son titulares de derechos y los
Estados, titulares de obligaciones. Aplicado a la migración laboral, implica:

- **Participación:** las personas trabajadoras migrantes y sus organizaciones opinan sobre las
  políticas que las afectan.
- **No discriminación:** ninguna norma trata peor a alguien por su nacionalidad o estatus.
- **Rendición de cuentas:** hay mecanismos de queja accesibles, también desde el exterior.

## Del principio a la gestión

Gestionar con enfoque de derechos no es renunciar a regular: es regular para proteger. Los
permisos de trabajo, los acuerdos bilaterales y los programas de trabajo temporal pueden diseñarse
para ampliar los canales regulares y reducir los riesgos.
"""

RECRUITMENT = """\
## La contratación, el primer riesgo

Los abusos suelen empezar antes de la partida: cobros indebidos por la contratación, información
falsa sobre el salario, retención de documentos o contratos que cambian al llegar. Las deudas
contraídas para pagar a intermediarios pueden derivar en trabajo forzoso.

## Principios de contratación equitativa

1. La persona trabajadora **no paga** comisiones ni gastos de contratación.
2. Recibe un **contrato escrito**, en un idioma que entiende, antes de salir.
3. **Conserva** sus documentos de identidad en todo momento.
4. Puede **cambiar de empleador** y terminar la relación laboral sin represalias.

## Herramientas para los Estados

- Registro y supervisión de las agencias privadas de empleo.
- Listas públicas de agencias autorizadas y sancionadas.
- Cooperación entre los ministerios de trabajo de origen y destino.
"""

TEMPORARY_PROGRAMMES = """\
## Programas de trabajo temporal

Muchos países de la región participan en programas de trabajo temporal, sobre todo agrícola, con
Estados Unidos y Canadá. Bien diseñados, ofrecen canales regulares y salarios más altos; mal
diseñados, atan a la persona a un solo empleador y la exponen a abusos.

| Elemento del diseño | Buena práctica |
|---|---|
| Selección | Pública, gratuita y sin intermediarios que cobren |
| Contrato | Visado por las autoridades de ambos países |
| Movilidad | Posibilidad de cambiar de empleador |
| Quejas | Canal accesible desde el lugar de trabajo |
| Retorno | Apoyo para la reinserción laboral |

### Para el foro

¿Qué programa de trabajo temporal conoce? ¿Cumple con los elementos de la tabla?
"""

SOCIAL_PROTECTION = """\
## Trabajar fuera sin perder la protección

Quien trabaja en otro país puede perder derechos de seguridad social: los aportes hechos en un país
no siempre cuentan para la pensión en otro. La **portabilidad** de los derechos busca que los años
trabajados se sumen, sin importar dónde.

## Instrumentos

- **Convenios bilaterales de seguridad social**, que permiten sumar periodos de cotización.
- **Convenios multilaterales**, como el Convenio Multilateral Iberoamericano de Seguridad Social.
- Afiliación voluntaria desde el exterior a los sistemas nacionales.

## Las familias que se quedan

La protección social también alcanza a los hogares de origen: acceso a salud, cuidado de niñas,
niños y personas mayores, y programas que no excluyan a quienes reciben remesas.
"""

RETURN_AND_REINTEGRATION = """\
## El retorno también es migración laboral

Miles de personas regresan cada año a la región, voluntariamente o por deportación. Muchas traen
experiencia laboral valiosa, pero encuentran pocas oportunidades para usarla.

## Líneas de acción

1. **Certificación de competencias** adquiridas en el exterior.
2. **Intermediación laboral** con empresas que valoren esa experiencia.
3. **Apoyo psicosocial**, sobre todo tras un retorno forzado.
4. **Acceso a crédito** para emprendimientos.

### Actividad

Describa qué servicio ofrece su país a las personas retornadas y qué le falta.
"""

POLICY_DESIGN = """\
## Diseñar una política de migración laboral

Una política de migración laboral coherente articula empleo, migración, protección social y
relaciones exteriores. Su diseño sigue un ciclo:

1. **Diagnóstico** con datos confiables y la voz de los actores.
2. **Objetivos** claros y medibles.
3. **Instrumentos**: normas, programas, acuerdos y presupuesto.
4. **Coordinación** entre ministerios y con los países vecinos.
5. **Seguimiento y evaluación** con indicadores públicos.

## El tripartismo como método

Los gobiernos, las organizaciones de empleadores y las de trabajadores deben participar en todas
las etapas. La sociedad civil y las asociaciones de migrantes aportan información que ninguna
estadística recoge.
"""

FINAL_PLAN = """\
## El plan de acción final

El diploma termina con un plan de acción institucional: cada participante propone una medida
concreta que su institución puede aplicar en los próximos doce meses para proteger mejor a las
personas trabajadoras migrantes.

| Sección del plan | Contenido |
|---|---|
| Problema | Qué situación quiere cambiar y a quién afecta |
| Medida | Qué hará la institución, con qué base normativa |
| Aliados | Qué otras instituciones deben participar |
| Recursos | Personal, presupuesto y plazos |
| Indicadores | Cómo sabrá que funcionó |

La nota se expresa de 0 a 100; se aprueba con 70.
"""

DESCRIPTION = """\
## Formación regional en migración laboral

Este diploma en línea de **80 horas** fortalece los conocimientos sobre migración laboral de
personas que trabajan, directa o indirectamente, en su gestión: funcionarias y funcionarios
públicos, representantes de organizaciones de la sociedad civil y de organizaciones de
empleadores y de trabajadores de los países miembros de la Conferencia Regional sobre Migración.

Su propósito es promover la reflexión y la puesta en práctica de acciones para atender, gestionar
y proteger a las personas trabajadoras migrantes y a sus familias, con un **enfoque de derechos** y
una gestión eficaz de la migración laboral.

## Quiénes lo organizan

La Organización Internacional para las Migraciones (OIM) y el Grupo de Monitoreo Independiente de
El Salvador (GMIES) lo organizan con la asistencia técnica de la Organización Internacional del
Trabajo (OIT) y del Instituto Especializado de Educación Superior para la Formación Diplomática
(IEESFORD). La iniciativa fue aprobada por la Conferencia Regional sobre Migración dentro de su
plan estratégico, y cuenta con el apoyo del Programa Regional sobre Migración de la OIM,
financiado por la Oficina de Población, Refugiados y Migración del Departamento de Estado de los
Estados Unidos.

Su primera edición formó a 37 personas de trece países: Estados Unidos, México, Guatemala,
Honduras, El Salvador, Nicaragua, Costa Rica, Panamá, Haití, República Dominicana, Colombia,
Brasil y Chile.

## Plan de estudios

| Módulo | Horas |
|---|---:|
| Dinámicas de la migración laboral en la región | 16 |
| Normas internacionales y enfoque de derechos | 16 |
| Contratación equitativa y programas de trabajo temporal | 16 |
| Protección social, retorno y reintegración | 16 |
| Diseño de políticas de migración laboral | 16 |
"""

PROGRAMME = ProgrammeSpec(
    slug="migracion-laboral",
    title="Diplomado Regional en Migración Laboral",
    summary=(
        "Diploma en línea de 80 horas para funcionarios, empleadores, sindicatos y sociedad civil "
        "de los países de la Conferencia Regional sobre Migración, con enfoque de derechos."
    ),
    description=DESCRIPTION,
    language="es",
    required_hours=80,
    grading_scale="0-100",
    pass_grade=Decimal("70"),
    min_attendance=75,
    signatories=(
        "Ana Lucía Portillo Reyes, Jefa de Misión de la OIM en El Salvador\n"
        "Ricardo Henríquez Mejía, Director ejecutivo del GMIES"
    ),
    modules=(
        ModuleSpec(
            slug="dinamicas-regionales",
            title="Dinámicas de la migración laboral en la región",
            topic="labour",
            hours=16,
            summary="Flujos, sectores y datos de la migración laboral en Centroamérica y México.",
            release_day=0,
            leads=("malvarado",),
            lessons=(
                LessonSpec(
                    "una-region-en-movimiento",
                    "Una región en movimiento",
                    25,
                    REGIONAL_DYNAMICS,
                    (IOM,),
                ),
                LessonSpec(
                    "datos-sobre-migracion-laboral",
                    "Datos sobre migración laboral",
                    20,
                    REGIONAL_DATA,
                    (DATA_PORTAL,),
                ),
            ),
            sessions=(SessionSpec("Seminario web de apertura", 2, online_only=True),),
        ),
        ModuleSpec(
            slug="normas-y-derechos",
            title="Normas internacionales y enfoque de derechos",
            topic="human_rights",
            hours=16,
            summary="Los convenios de la OIT, la Convención de 1990 y el enfoque de derechos.",
            release_day=14,
            leads=("malvarado",),
            lessons=(
                LessonSpec(
                    "normas-internacionales",
                    "Normas internacionales del trabajo",
                    25,
                    STANDARDS,
                    (NORMLEX,),
                ),
                LessonSpec(
                    "enfoque-de-derechos",
                    "Qué significa un enfoque de derechos",
                    20,
                    RIGHTS_BASED_APPROACH,
                    (ILO,),
                ),
            ),
            sessions=(SessionSpec("Seminario web: igualdad de trato", 3, online_only=True),),
        ),
        ModuleSpec(
            slug="contratacion-equitativa",
            title="Contratación equitativa y programas de trabajo temporal",
            topic="labour",
            hours=16,
            summary="Cómo prevenir abusos en la contratación y diseñar programas temporales.",
            release_day=28,
            leads=("malvarado",),
            lessons=(
                LessonSpec(
                    "contratacion-equitativa",
                    "Principios de contratación equitativa",
                    25,
                    RECRUITMENT,
                    (ILO,),
                ),
                LessonSpec(
                    "programas-de-trabajo-temporal",
                    "Programas de trabajo temporal",
                    25,
                    TEMPORARY_PROGRAMMES,
                    (IOM,),
                ),
            ),
            sessions=(SessionSpec("Seminario web: agencias de empleo", 3, online_only=True),),
        ),
        ModuleSpec(
            slug="proteccion-social-y-retorno",
            title="Protección social, retorno y reintegración",
            topic="policy",
            hours=16,
            summary="Portabilidad de la seguridad social y reintegración de quienes regresan.",
            release_day=42,
            leads=("malvarado",),
            lessons=(
                LessonSpec(
                    "portabilidad",
                    "Trabajar fuera sin perder la protección",
                    25,
                    SOCIAL_PROTECTION,
                    (ILO,),
                ),
                LessonSpec(
                    "retorno-y-reintegracion",
                    "El retorno también es migración laboral",
                    20,
                    RETURN_AND_REINTEGRATION,
                    (IOM,),
                ),
            ),
            sessions=(SessionSpec("Seminario web: retorno y empleo", 3, online_only=True),),
        ),
        ModuleSpec(
            slug="diseno-de-politicas",
            title="Diseño de políticas de migración laboral",
            topic="policy",
            hours=16,
            summary="El ciclo de una política pública y el plan de acción final del diploma.",
            release_day=56,
            leads=("malvarado",),
            lessons=(
                LessonSpec(
                    "ciclo-de-la-politica",
                    "Diseñar una política de migración laboral",
                    25,
                    POLICY_DESIGN,
                    (SDG,),
                ),
                LessonSpec(
                    "plan-de-accion",
                    "El plan de acción final",
                    20,
                    FINAL_PLAN,
                    (ILO,),
                ),
            ),
            sessions=(SessionSpec("Presentación de planes de acción", 5, online_only=True),),
        ),
    ),
)
