"""Programme 1: the diploma on International Migration, Globalization and Development (PUCP)."""

from decimal import Decimal

from diploma.demo.specs import LessonSpec, Link, ModuleSpec, ProgrammeSpec, SessionSpec

IOM = Link("Organización Internacional para las Migraciones (OIM)", "https://www.iom.int/es")
IOM_PERU = Link("OIM Perú", "https://peru.iom.int/")
WORLD_REPORT = Link(
    "OIM: Informe sobre las Migraciones en el Mundo", "https://worldmigrationreport.iom.int/"
)
DATA_PORTAL = Link("Portal de Datos sobre Migración", "https://www.migrationdataportal.org/es")
INEI = Link("Instituto Nacional de Estadística e Informática (INEI)", "https://www.inei.gob.pe/")
RREE = Link("Ministerio de Relaciones Exteriores del Perú", "https://www.gob.pe/rree")
MIGRACIONES = Link("Superintendencia Nacional de Migraciones", "https://www.gob.pe/migraciones")
ILO = Link(
    "Organización Internacional del Trabajo: migración laboral",
    "https://www.ilo.org/es/temas/migracion-laboral",
)
NORMLEX = Link("NORMLEX: convenios de la OIT y sus ratificaciones", "https://normlex.ilo.org/")
OHCHR = Link(
    "ACNUDH: derechos humanos de las personas migrantes", "https://www.ohchr.org/es/migration"
)
WORLD_BANK = Link(
    "Banco Mundial: remesas y migración", "https://www.worldbank.org/en/topic/migration"
)
REMITTANCE_PRICES = Link(
    "Banco Mundial: Remittance Prices Worldwide", "https://remittanceprices.worldbank.org/"
)
BCRP = Link(
    "Banco Central de Reserva del Perú: series estadísticas", "https://estadisticas.bcrp.gob.pe/"
)
SDG = Link("Objetivos de Desarrollo Sostenible (ONU)", "https://sdgs.un.org/es/goals")
CAN = Link("Comunidad Andina: movilidad de personas", "https://www.comunidadandina.org/")
UNFPA = Link("UNFPA: mujeres y migración", "https://www.unfpa.org/es")
CVR = Link(
    "Informe Final de la Comisión de la Verdad y Reconciliación", "https://www.cverdad.org.pe/"
)
UN_WOMEN = Link("ONU Mujeres: mujeres migrantes", "https://www.unwomen.org/es")

# Module 1 ---------------------------------------------------------------------------------------

FROM_IMMIGRATION_TO_EMIGRATION = """\
## Dos siglos, dos direcciones

Las políticas migratorias de un país dependen, antes que nada, de la dirección de sus flujos.
Desde la independencia hasta alrededor de 1970, el Perú fue en términos netos un país de
**llegada**. A partir de esa década la balanza se invirtió y el país pasó a ser, con claridad,
un país de **salida**. Casi todas las instituciones que estudiaremos en este módulo nacieron
para el primer escenario y tuvieron que adaptarse, con retraso, al segundo.

### Las olas de llegada

- **Periodo colonial.** Junto con la población española llegó, de manera forzada, un número
  muy grande de personas africanas esclavizadas.
- **Siglo XIX.** Tras la independencia, las políticas de poblamiento ofrecieron tierras y
  ventajas legales a inmigrantes europeos, sobre todo italianos, franceses y alemanes, que se
  sumaron a los españoles. Desde mediados de siglo llegaron además unos 100 000 trabajadores
  chinos, en su mayoría *culíes* con contratos de servidumbre, destinados a las haciendas de
  la costa.
- **Fines del XIX y siglo XX.** La inmigración japonesa, también vinculada al agro costeño,
  dio origen a la segunda colectividad japonesa de Sudamérica, después de la del Brasil.

Aun en los momentos de mayor llegada, la población extranjera nunca superó
aproximadamente el 3 % de la población total.

| Origen de los inmigrantes (1821-1970) | Estimación aproximada |
|---|---:|
| Asia (China y Japón) | 200 000 |
| Europa | 150 000 |
| Otros países de América | 100 000 |
| **Total** | **450 000** |

*Fuente: estimaciones del historiador Giovanni Bonfiglio (2006), que él mismo presenta como
una aproximación ante la falta de estadísticas completas.*

## El giro de 1970

El crecimiento demográfico acelerado desde los años cuarenta produjo un excedente de
población en edad de trabajar que la economía no logró absorber. La crisis del modelo de
industrialización por sustitución de importaciones, los programas de ajuste estructural, la
hiperinflación y la violencia política de los años ochenta terminaron de convertir la
emigración en una estrategia de supervivencia para miles de familias.

| Año | Peruanos residentes en el exterior (estimación) |
|---|---|
| 1980 | 500 000 |
| 1990 | 1 millón |
| 2000 | más de 2 millones |
| 2004 | alrededor de 2,7 millones |
| 2007 | cerca de 3 millones |

En apenas tres décadas salió del país más población de la que había llegado en 185 años de
vida republicana.

## Lo que esto significa para la política pública

1. El Estado contaba con normas pensadas para **admitir y controlar** a extranjeros, no para
   acompañar a sus nacionales fuera del territorio.
2. La emigración masiva obliga a construir una **política hacia la diáspora**: protección
   consular, vínculos con las comunidades en el exterior, remesas y retorno.
3. La experiencia histórica de recepción sigue siendo útil: muestra que la llegada de
   personas trajo empresas, saberes y actitudes que la sociedad peruana valora hoy.

### Para la discusión

- ¿Qué instituciones del Estado peruano conservan todavía una lógica de control más que de
  protección?
- ¿Por qué la inmigración del siglo XIX se promovió con incentivos mientras la emigración
  contemporánea se vivió como una pérdida?
"""

ACTORS_AND_INSTITUTIONS = """\
## De la gestión de fronteras a la gobernanza

Durante décadas la política migratoria peruana se redujo a la administración de pasaportes,
visas y controles fronterizos. La magnitud de la emigración obligó a ampliar la mirada: hoy
hablamos de **gobernanza migratoria** para referirnos al conjunto de normas, instituciones y
espacios de coordinación, estatales y no estatales, que inciden en la movilidad de las
personas.

## Las instituciones del Estado

- **Ministerio de Relaciones Exteriores.** En 2004 creó la *Secretaría de Peruanos en el
  Exterior*, encargada de vigilar y proteger los derechos de los migrantes, promover
  esquemas de retorno para quienes desean volver y vincular las remesas con el desarrollo.
  Dirige además la red consular.
- **Superintendencia Nacional de Migraciones.** Creada en 2012, controla el movimiento
  migratorio, emite pasaportes y documentos de extranjería y produce registros
  administrativos clave para la investigación.
- **Ministerio de Trabajo y Promoción del Empleo.** A través de su área de migración laboral
  orienta a quienes buscan empleo fuera del país y supervisa la contratación de trabajadores
  extranjeros.
- **Defensoría del Pueblo.** Atiende quejas y supervisa la actuación del Estado frente a
  personas migrantes y retornantes.
- **Instituto Nacional de Estadística e Informática (INEI).** Produce censos y encuestas que
  permiten medir los flujos y el perfil de la población migrante.

La coordinación entre sectores se hace en la **Mesa de Trabajo Intersectorial para la Gestión
Migratoria**, con secretaría técnica en la Cancillería, donde los ministerios revisan avances
y acuerdan prioridades.

## Los actores sociales

- **Organizaciones sindicales.** La *Mesa Intersindical para las Migraciones Laborales*
  reúne a la CGTP, la CUT, la CTP y la CATP y se ha convertido en el principal espacio de
  diálogo social sindical sobre migración.
- **Sociedad civil y comunidades en el exterior.** Asociaciones de peruanos en el exterior,
  consejos de consulta de los consulados, pastorales de movilidad humana y centros de
  asesoría legal.
- **Universidades.** Producen investigación y forman especialistas: este diploma nació
  en 2005 a pedido de un cónsul peruano que vio la falta de espacios de análisis.

## La cooperación internacional

| Actor | Función principal | Ejemplo |
|---|---|---|
| OIM | Asistencia técnica, estudios, retorno | Encuesta mundial a peruanos en el exterior |
| OIT | Normas laborales y diálogo social | Proyecto MIGRANDINA (región andina) |
| Cooperación española | Financiamiento de proyectos | Convenio AECID-ISCOD 2008-2011 |
| Parlamento Andino | Armonización normativa | Debates sobre movilidad intraandina |

## Un ejemplo: la reintegración de quienes vuelven

La *Ley de Reinserción Económica y Social para el Migrante Retornado* ofrece beneficios
tributarios y una tarjeta de migrante retornado. Según el viceministro de Relaciones
Exteriores, en apenas un mes y medio desde su aprobación se registraron más de 2800
preinscripciones y se emitieron más de 550 tarjetas. El dato muestra una demanda real y, a la
vez, la necesidad de coordinar a varios sectores para que los beneficios se cumplan.

### Para la discusión

¿Qué actor falta en la mesa intersectorial para que la política de retorno funcione en las
regiones y no solo en Lima?
"""

INTERNATIONAL_GOVERNANCE = """\
## Un régimen fragmentado

A diferencia del comercio, que cuenta con la Organización Mundial del Comercio, o de los
refugiados, protegidos por la Convención de 1951 y el ACNUR, la migración internacional no
tiene un único régimen vinculante. Su gobernanza combina tratados de derechos humanos,
convenios laborales, acuerdos regionales y bilaterales y compromisos no vinculantes.

## La Organización Internacional para las Migraciones

La OIM fue fundada en 1951 y es la principal organización intergubernamental dedicada a
promover una migración humana y ordenada en beneficio de todas las personas. Forma parte del
sistema de las Naciones Unidas y, al momento de las fuentes que usamos, reunía a 175 Estados
miembros con presencia en 171 países. Su trabajo conecta la asistencia humanitaria con el
desarrollo sostenible y apoya el cumplimiento de la **Agenda 2030**, cuya meta 10.7 pide
facilitar una migración ordenada, segura, regular y responsable mediante políticas
migratorias planificadas y bien gestionadas.

La OIM Perú acompaña al Estado con estudios especializados, espacios de discusión técnica y
programas concretos, y apoya este diploma desde su creación.

## Instrumentos globales

| Instrumento | Año | ¿Vinculante? |
|---|---|---|
| Convenio 97 de la OIT sobre los trabajadores migrantes | 1949 | Sí, para quien lo ratifica |
| Convenio 143 de la OIT (disposiciones complementarias) | 1975 | Sí, para quien lo ratifica |
| Convención internacional sobre los trabajadores migratorios | 1990 | Sí, para quien la ratifica |
| Pacto Mundial para una Migración Segura, Ordenada y Regular | 2018 | No |

## Procesos regionales

- **Comunidad Andina.** La *Decisión 545* (Instrumento Andino de Migración Laboral) y la
  *Decisión 548* (cooperación y protección consular) permiten a los nacionales andinos
  trabajar y recibir asistencia consular en los países miembros.
- **MERCOSUR.** El Acuerdo sobre Residencia facilita la residencia de nacionales de los
  Estados partes y asociados.
- **Conferencia Sudamericana sobre Migraciones** y, en Centroamérica y Norteamérica, la
  **Conferencia Regional sobre Migración** (Proceso Puebla): foros de diálogo político sin
  obligaciones jurídicas, pero con planes de acción compartidos.

## Acuerdos bilaterales

El convenio de flujos laborales entre el Perú y España abrió la posibilidad de que más de
1500 peruanos viajaran con permiso de trabajo. Estos acuerdos muestran el potencial y los
límites de la vía bilateral: ordenan una parte pequeña de los flujos y dependen de la demanda
del país de destino.

### Actividad

Elija un instrumento de la tabla y responda en el foro: ¿qué obligaciones concretas genera para
el Perú como país de origen y qué cambiaría si también lo ratificaran los principales países de
destino?
"""

SURVEY_CASE = """\
## Un caso para leer con cuidado los datos

Cuando se discute política migratoria, las cifras se repiten sin mencionar su origen. En esta
lección comparamos dos fuentes sobre la situación legal de los peruanos en el exterior.

### La encuesta mundial de la OIM, la Cancillería y el INEI

Una encuesta aplicada a **12 274 migrantes peruanos** en distintos países de residencia
encontró que el **80,5 %** tenía situación migratoria regular. La distribución de las
respuestas fue la siguiente:

| Situación declarada | % de los encuestados |
|---|---:|
| Residencia permanente | 49,3 |
| Nacionalidad del país de residencia | 16,4 |
| Visa de trabajo | 11,1 |
| Visa de estudiante | 2,1 |
| Visa de turista vigente | 1,6 |

El mismo estudio estimó en **2,4 millones** el número de peruanos en el exterior, casi el 10 %
de la población del país.

### Una cifra anterior de la Cancillería

Años antes, el Ministerio de Relaciones Exteriores estimaba en 1,8 millones a los peruanos en
el exterior, y calculaba que el **55 %** estaba en situación irregular; en los Estados Unidos,
la proporción llegaba al 65 %.

## ¿Por qué difieren tanto?

1. **Momento.** Entre ambas mediciones hubo procesos de regularización y naturalización en
   varios países de destino.
2. **Quién responde.** Una encuesta canalizada por consulados llega con más facilidad a quien
   tiene papeles en regla; quien está en situación irregular suele evitar el contacto con
   cualquier autoridad.
3. **Definiciones.** «Irregular» puede incluir a quien entró con visa de turista y se quedó,
   pero también a quien tiene un trámite en curso.

## Lectura crítica

Ninguna de las dos cifras es «la verdadera». Un buen análisis de política declara la fuente,
el método y los sesgos probables de cada dato, y contrasta varias fuentes antes de concluir.

### Actividad

Busque en el portal del INEI la ficha técnica de una encuesta sobre migración internacional y
anote: población objetivo, marco muestral y forma de contacto. ¿Qué grupos de migrantes
quedan fuera?
"""

# Module 2 ---------------------------------------------------------------------------------------

WHAT_REMITTANCES_ARE = """\
## Más que dinero

Llamamos **remesas** a las transferencias que las personas migrantes envían a sus hogares y
comunidades de origen. El interés público por ellas ha tenido un sesgo marcadamente
económico: cuánto se envía, con qué frecuencia, por qué canal, a quién y para qué. Pero la
literatura reciente, en particular el trabajo de Ninna Nyberg Sørensen, propone mirarlas
también como relaciones sociales atravesadas por el género, la edad y el parentesco.

## Cuatro maneras de clasificarlas

- **Remesas monetarias.** La parte del ingreso que el migrante envía desde el lugar de destino
  al de origen. Pueden enviarse en especie, pero el término suele reservarse para el dinero.
- **Remesas sociales.** Ideas, prácticas, identidades y capital social que circulan entre
  destino y origen por cartas, llamadas, redes sociales o video. Pueden transformar roles de
  género, identidades de clase o étnicas y formas de participación política y religiosa.
- **Remesas internas e internacionales.** Las primeras las envían quienes migraron dentro de su
  propio país; las segundas, quienes cruzaron una frontera. En el Perú, las internas han sido
  históricamente decisivas para los hogares rurales.
- **Remesas individuales y colectivas.** La mayoría las envían personas; una fracción menor se
  envía de manera colectiva, mediante asociaciones de oriundos o iglesias, para fiestas
  patronales, escuelas, caminos o postas de salud.

## Dos debates de fondo

1. **Abaratar los envíos.** Una corriente pone el acento en reducir los costos de transferencia
   para que llegue más dinero a los hogares.
2. **Respetar su carácter privado.** Otra corriente recuerda que la mayor parte de las remesas
   es dinero privado de las familias, sobre el cual el Estado no debe intervenir, y critica que
   se traslade a los migrantes la responsabilidad de financiar lo que corresponde a la
   política pública.

> Las remesas no son un programa de desarrollo: son el fruto del trabajo de personas que
> decidieron apoyar a sus familias. La política pública puede facilitarlas, no apropiárselas.

### Para la discusión

¿Qué remesas sociales reconoce en su propia familia o comunidad? ¿Cambiaron alguna práctica
concreta, por ejemplo la forma de organizar una fiesta o la participación de las mujeres en
una asamblea?
"""

REMITTANCES_IN_PERU = """\
## La magnitud

Las remesas se convirtieron en una de las principales fuentes de divisas del Perú. En 2006
sumaron alrededor de **1800 millones de dólares**, cerca del **2 % del producto nacional**.
Algunas proyecciones de la época llegaron a anunciar cifras de 3000 millones para el año
siguiente, por encima de la inversión extranjera directa y de la ayuda oficial al desarrollo.

| Indicador | Valor aproximado | Periodo |
|---|---:|---|
| Remesas recibidas | USD 1800 millones | 2006 |
| Peso en el producto nacional | 2 % | 2006 |
| Envío promedio | USD 200 | mediados de los 2000 |
| Comisión cobrada por envío | hasta 10 % | mediados de los 2000 |
| Peruanos en el exterior | 2,4 a 3 millones | 2007-2012 |

*Las cifras provienen de fuentes distintas y con métodos diferentes; úselas como órdenes de
magnitud, no como series comparables. Para series oficiales consulte al Banco Central de
Reserva del Perú.*

## ¿A quién llegan?

Las remesas internacionales benefician más a hogares que no son los más pobres: emigrar al
exterior requiere recursos y redes. Las remesas internas, en cambio, llegan con más frecuencia a
hogares rurales pobres. Esta diferencia importa para evaluar el impacto distributivo.

## ¿En qué se usan?

- Gastos corrientes del hogar: alimentación, vivienda, servicios.
- Educación y salud de hijos e hijas y de personas mayores.
- Pago de deudas, incluidas las contraídas para migrar.
- En menor medida, ahorro, compra de tierras o pequeños negocios.

Que la mayor parte se destine al consumo no es un fracaso: la inversión en educación y salud es
inversión en capital humano, y el consumo dinamiza las economías locales.

## Lo que puede hacer el Estado

El Plan Nacional de Derechos Humanos aprobado en 2005 incluyó como actividad el desarrollo de
mecanismos de coordinación entre sector público y privado para **abaratar la transferencia**
de remesas y facilitar su uso productivo. Las líneas de la política hacia la diáspora añadieron
la seguridad de los envíos, el fomento de la inversión y el apoyo al retorno voluntario.

### Actividad

Descargue de las series estadísticas del BCRP la serie anual de remesas y compare su
evolución con la de la inversión extranjera directa en los últimos quince años.
"""

COST_OF_SENDING = """\
## Cada punto porcentual cuenta

Si una persona envía 200 dólares al mes y paga una comisión del 10 %, su familia deja de recibir
240 dólares al año. Multiplicado por cientos de miles de remitentes, el costo de los envíos es
una transferencia considerable desde las familias migrantes hacia los intermediarios.

| Comisión | Costo por envío de USD 200 | Costo anual (12 envíos) |
|---:|---:|---:|
| 10 % | USD 20 | USD 240 |
| 5 % | USD 10 | USD 120 |
| 3 % | USD 6 | USD 72 |

La meta **10.c** de los Objetivos de Desarrollo Sostenible propone reducir a menos del 3 % el
costo de las remesas y eliminar los corredores con costos superiores al 5 %.

## Componentes del costo

1. **Comisión fija o porcentual** cobrada por la empresa remesadora o el banco.
2. **Margen cambiario**: la diferencia entre el tipo de cambio aplicado y el de mercado, a
   menudo menos visible que la comisión.
3. **Costos del receptor**: traslado a una agencia, tiempo de espera, cargos por retiro.

## ¿Por qué son caros algunos corredores?

- Poca competencia entre proveedores y acuerdos de exclusividad con agentes pagadores.
- Requisitos de identificación que excluyen a personas en situación irregular y las empujan a
  canales informales.
- Baja bancarización en las zonas rurales de origen.

## Herramientas de política

- Publicar comparadores de precios, como la base *Remittance Prices Worldwide* del Banco
  Mundial.
- Permitir que cooperativas de ahorro y crédito y microfinancieras paguen remesas.
- Facilitar la apertura de cuentas a distancia desde los consulados.

### Ejercicio

Use el comparador del Banco Mundial para el corredor España - Perú y calcule cuánto pagaría hoy
una familia que recibe USD 200 al mes con el proveedor más caro y con el más barato.
"""

LOCAL_DEVELOPMENT = """\
## Del hogar a la comunidad

Más allá de su efecto en cada hogar, las remesas pueden sostener iniciativas colectivas. Las
asociaciones de oriundos financian la restauración de iglesias, la construcción de aulas o el
equipamiento de postas de salud en sus pueblos de origen. Estas inversiones tienen
dimensiones sociales, culturales y políticas todavía poco estudiadas en América Latina.

## Programas de cofinanciamiento

Algunos países han creado fondos en los que el Estado aporta recursos por cada dólar que una
asociación de migrantes invierte en un proyecto comunitario. Su éxito depende de tres
condiciones:

1. Asociaciones de migrantes con capacidad de organización y rendición de cuentas.
2. Gobiernos locales que participen en la selección y el mantenimiento de las obras.
3. Reglas claras que eviten que el fondo reemplace la inversión pública obligatoria.

## Retorno productivo

El retorno no siempre es un fracaso del proyecto migratorio. Quien vuelve trae ahorros,
habilidades y contactos; con el apoyo adecuado puede crear empleo. La política peruana hacia la
diáspora incluyó facilidades aduaneras para traer bienes de trabajo, asistencia técnica y
esquemas de cofinanciamiento de proyectos productivos.

## Límites y riesgos

- **Dependencia.** Las economías locales que viven de remesas son vulnerables a las crisis de
  los países de destino.
- **Desigualdad.** Las comunidades con más emigrantes reciben más recursos que las que no
  pudieron emigrar.
- **Sustitución del Estado.** Pedir a los migrantes que financien escuelas o caminos puede
  encubrir la falta de inversión pública.

> Pensar la migración no solo como un problema sino como una posibilidad exige políticas que
> respondan a una visión estratégica del desarrollo y que descentralicen para integrar.

### Actividad final del módulo

Identifique una iniciativa financiada por migrantes en su región de origen y describa en una
página quién la decidió, cómo se financió y quién la mantiene hoy.
"""

# Module 3 ---------------------------------------------------------------------------------------

WORK_AND_EMIGRATION = """\
## Por qué se van: el mercado de trabajo

La emigración peruana contemporánea no se explica solo por la pobreza. Se explica sobre todo por
la **falta de empleo adecuado** para una población joven y cada vez más educada. Desde mediados
de los años setenta, el agotamiento del modelo de industrialización, el ajuste estructural y la
apertura comercial redujeron el empleo formal, mientras la fuerza de trabajo seguía creciendo a
tasas cercanas al 3,3 % anual por la llegada a la edad de trabajar de generaciones numerosas y la
incorporación creciente de las mujeres.

## La informalización del empleo urbano

| Año | Sector formal (% del empleo urbano, Lima Metropolitana) | Sector informal |
|---|---:|---:|
| 1990 | 48,2 | 51,8 |
| 1995 | 45,0 | 55,0 |
| 1997 | 40,7 | 59,3 |

En menos de una década, la informalidad pasó de la mitad a casi tres quintas partes del empleo
urbano de la capital.

## Salarios que no alcanzan

Tomando 1980 como base, el salario mínimo real del Perú había perdido hacia 2001 alrededor del
**67,5 %** de su valor, una de las caídas más fuertes entre dieciocho países de la región. Otros
países, como Costa Rica o Panamá, mantuvieron o mejoraron su poder adquisitivo en el mismo
periodo. La brecha salarial con los países de destino se convirtió en un poderoso factor de
atracción.

## Un perfil joven

La migración peruana no es mayoritariamente femenina, pero sí **joven**: se concentra entre los
20 y los 35 años, el grupo más afectado por el desempleo y el subempleo. Hacia Argentina, Bolivia
y Chile predominan personas jóvenes, con poca formación profesional y con una participación
importante de mujeres.

## Destinos y nichos

- **Estados Unidos**, principal destino desde los años ochenta, por razones laborales.
- **España e Italia**, con una demanda importante en el cuidado de personas y la salud.
- **Argentina y Chile**, con trabajo en el hogar, la construcción y el comercio.
- **Japón**, ligado a los descendientes de inmigrantes japoneses.

### Para la discusión

¿Qué políticas de empleo juvenil podrían reducir la emigración por necesidad sin restringir el
derecho a migrar?
"""

INTERNATIONAL_LABOUR_STANDARDS = """\
## Un piso común de derechos

Las personas trabajadoras migrantes tienen los mismos derechos laborales fundamentales que
cualquier otra persona trabajadora: libertad sindical, prohibición del trabajo forzoso y del
trabajo infantil, y no discriminación. Sobre ese piso, varios instrumentos establecen garantías
específicas.

| Instrumento | Contenido central |
|---|---|
| Convenio 97 OIT (1949) | Igualdad de trato en salario, seguridad social y vivienda |
| Convenio 143 OIT (1975) | Contra la migración abusiva; derechos básicos para todos |
| Convención ONU (1990) | Derechos de migrantes y familias, con o sin documentos |
| Convenio 189 OIT (2011) | Trabajo decente para el trabajo doméstico |
| Decisión 545 CAN (2003) | Libre movilidad laboral de nacionales andinos |

## Qué cambia con la situación migratoria

La Convención de 1990 distingue entre derechos de **todas** las personas trabajadoras migrantes,
cualquiera sea su situación, y derechos adicionales de quienes están documentados. Entre los
primeros: el salario por el trabajo realizado, la atención médica de urgencia, la educación de
hijos e hijas y la protección contra la expulsión colectiva.

## La brecha entre origen y destino

Varios de los principales destinos de la migración peruana, como Estados Unidos, España, Italia
y Japón, no han ratificado la Convención de 1990; Argentina y Chile sí lo han hecho. Esto limita
su alcance práctico y traslada el peso de la protección a los convenios bilaterales, al derecho
interno del país de destino y a la acción consular.

## Trabajo decente para migrantes

El enfoque de trabajo decente de la OIT permite evaluar cualquier política con cuatro preguntas:
¿genera empleo?, ¿respeta los derechos?, ¿da protección social?, ¿incluye diálogo social?

### Actividad

Consulte en NORMLEX qué convenios de la tabla ha ratificado el Perú y cuáles han ratificado
España, Italia, Chile y Argentina. Prepare una tabla comparativa para la sesión en vivo.
"""

SOCIAL_DIALOGUE = """\
## Por qué diálogo social

La migración laboral afecta a trabajadores, empleadores y Estado a la vez. Las políticas que se
diseñan sin escuchar a los actores del mundo del trabajo suelen fracasar en la aplicación:
normas que nadie conoce, inspecciones sin información, contratos que no se cumplen.

## La experiencia de la Mesa Intersindical

En el Perú, las cuatro centrales sindicales (CGTP, CUT, CTP y CATP) conformaron la **Mesa
Intersindical para las Migraciones Laborales**, que se ha convertido en el instrumento central
del diálogo social sindical sobre migración. Con el apoyo de la cooperación sindical española,
las centrales:

- crearon espacios de orientación para trabajadores que planean emigrar;
- establecieron contactos con sindicatos de los países de destino para afiliar y defender a
  trabajadores peruanos;
- participaron con propuestas propias en los espacios estatales de gestión migratoria.

## Un seminario que reunió a todos

En enero de 2012, un seminario internacional en Lima evaluó los avances en diálogo social sobre
migración laboral. En una primera parte, la Dirección de Protección y Asistencia al Nacional de
la Cancillería y la Dirección de Migración Laboral del Ministerio de Trabajo presentaron los
avances de la gestión migratoria del año anterior. En la segunda, el Parlamento Andino, las
centrales sindicales y la Defensoría del Pueblo discutieron aportes para una **política
migratoria integral, inclusiva y basada en derechos**. Lo organizaron, entre otros, la
Cancillería, la OIM, el proyecto MIGRANDINA de la OIT y una universidad limeña.

## Condiciones para que funcione

1. Información compartida: estadísticas y registros accesibles para todas las partes.
2. Representación real de los trabajadores migrantes, no solo de los sindicatos nacionales.
3. Participación de los empleadores, que suelen ser los grandes ausentes.
4. Acuerdos con seguimiento y plazos.

### Para la discusión

¿Qué incentivos tendría una organización de empleadores para sentarse en una mesa sobre
migración laboral en un país de origen como el Perú?
"""

FAIR_RECRUITMENT = """\
## El momento más riesgoso

Para muchas personas trabajadoras migrantes, los abusos empiezan antes de salir del país: en la
contratación. Cobros indebidos, promesas falsas sobre salario y condiciones, retención de
documentos y contratos sustituidos al llegar son prácticas documentadas en todos los corredores.

## Principios de la contratación equitativa

- Ninguna comisión ni gasto de contratación debe cobrarse a la persona trabajadora.
- Las condiciones de empleo deben explicarse por escrito, en un idioma que la persona entienda,
  antes de la partida.
- La persona conserva siempre sus documentos de identidad.
- La contratación debe respetar la libertad de terminar el empleo y de cambiar de empleador.

## Qué pueden hacer los Estados de origen

1. Registrar y supervisar a las agencias privadas de empleo.
2. Publicar listas de agencias autorizadas y sancionadas.
3. Ofrecer orientación previa a la partida y canales de queja desde el exterior.

*Esta lección está en preparación: la docente completará los casos prácticos antes de la sesión.*
"""

# Module 4 ---------------------------------------------------------------------------------------

FEMINISATION = """\
## Dos significados de una palabra

Hablar de **feminización de las migraciones** tiene dos sentidos. Uno es cuantitativo: las
mujeres migran hoy tanto como los hombres y, en algunos corredores, más; en el mundo, cerca de la
mitad de las personas migrantes son mujeres. El otro es cualitativo: han cambiado las razones y
las formas en que ellas migran. Cada vez más mujeres se desplazan solas, como proveedoras
principales de sus hogares, y no solo como acompañantes de un esposo o un padre.

## Una invisibilidad persistente

La migración femenina ha existido siempre, pero ha recibido menos atención que la masculina. Ya
en la colonia se requería el trabajo de mujeres jóvenes en casas de hacienda y estancias, y la
demanda creció con las ciudades. La falta de **datos desagregados por sexo** sigue siendo hoy la
primera dificultad para estudiarla: la vieja ceguera de género de las estadísticas se repite en
los estudios migratorios.

## ¿Por qué migran las mujeres?

1. **Patrilocalidad.** En muchos sistemas de parentesco, la mujer que se casa se traslada a la
   familia o al pueblo del esposo.
2. **Motivos laborales y económicos.** La división sexual del trabajo asigna a las mujeres el
   trabajo doméstico y de cuidados; en las ciudades, y a escala global, esa demanda la cubren
   mujeres de origen rural, indígena o de países del sur.
3. **Estigma familiar o comunitario.** Madres solteras, víctimas de violencia familiar o mujeres
   que desafían normas locales «resuelven» la situación con la partida.
4. **Autonomía.** Un número creciente de mujeres decide migrar sola, apoyándose en redes
   familiares y sociales que muchas veces ellas mismas han construido.

## El marco de Beijing

La Plataforma de Acción de Beijing (1995) reconoce que las mujeres migrantes, incluidas las
trabajadoras migrantes, enfrentan barreras particulares por su origen, su idioma, su situación
familiar y socioeconómica, y por las diversas formas de violencia de que son objeto.

### Para la discusión

Revise una estadística migratoria de su institución. ¿Está desagregada por sexo? Si no lo está,
¿qué preguntas de política quedan sin respuesta?
"""

DOMESTIC_WORKERS = """\
## Las migrantes internas

Antes de cruzar fronteras, muchas mujeres peruanas migraron del campo a la ciudad. Sus
trayectorias siguen marcando la vida de miles de hogares urbanos.

¿Quiénes son?

- Niñas y mujeres jóvenes de zonas rurales, con un porcentaje alto de población indígena.
- Con escolaridad baja y, a veces, hablantes solo de su lengua materna.
- Provenientes de hogares rurales pobres.
- Empleadas sobre todo en el trabajo del hogar o en la agricultura.

## La vulnerabilidad del trabajo en el hogar

La trabajadora del hogar que llega joven a la ciudad, separada de su comunidad y sin redes de
apoyo, conoce poco la vida urbana y tiene escaso poder para negociar sus condiciones. Vive en la
casa de quien la emplea, lo que multiplica su dependencia y la expone a abusos. Muchas veces su
trabajo se esconde tras eufemismos como «ayudar en la casa» o prácticas culturales que no le
reconocen valor.

## De lo interno a lo internacional

Si hace unas décadas las rutas de la migración femenina iban del campo a la ciudad, hoy cruzan
con frecuencia las fronteras. Se habla de **cadenas globales de cuidado**: la mujer que migra
para cuidar a personas mayores en Madrid deja a sus hijos al cuidado de una abuela o de otra
mujer, a veces también migrante interna, en Lima o en una ciudad de provincia.

| Etapa | Quién cuida | Quién es cuidado |
|---|---|---|
| Destino | Trabajadora migrante | Personas mayores o niños del país de destino |
| Origen | Abuela, hermana o trabajadora contratada | Hijos e hijas de la migrante |
| Origen rural | Familia extensa | Hogar de la trabajadora contratada |

## Herramientas de protección

- El **Convenio 189 de la OIT** reconoce el trabajo doméstico como trabajo, con derecho a
  descanso, salario mínimo, información clara sobre las condiciones y protección contra el abuso.
- La organización sindical de las trabajadoras del hogar ha sido decisiva para mejorar las leyes
  nacionales.

### Actividad

Entreviste a una trabajadora del hogar (con su consentimiento) o lea un testimonio publicado, y
reconstruya su trayectoria migratoria en una línea de tiempo.
"""

REMITTANCES_AND_GENDER = """\
## ¿Remesas de mujeres? ¿Remesas para mujeres?

Los estudios sobre remesas se han ocupado más de los montos que de las personas que los envían y
los reciben. Se sabe poco sobre cuántas mujeres envían dinero, cuánto y cómo se invierte. Una
mirada de género permite formular algunas hipótesis.

## Lo que sugieren las investigaciones

- En montos absolutos, las mujeres probablemente envían **menos** que los hombres, porque se
  insertan en empleos más precarios y el desempleo las afecta más.
- Sin embargo, tienden a enviar una **proporción mayor** de sus ingresos y a hacerlo de manera
  constante en el tiempo, aun cuando cambia su estado civil; los hombres tienden a reducir sus
  envíos a medida que pasa el tiempo o si forman un nuevo hogar.
- Las mujeres participan menos en las **remesas colectivas** y en el peso político que estas
  otorgan, porque están subrepresentadas en los espacios públicos.
- Su aporte es probablemente mayor en las **remesas sociales**: sostienen el circuito afectivo con
  hijos e hijas y con el resto del hogar.

## Tres relaciones con las remesas

| Tipo de proyecto migratorio | Relación con las remesas |
|---|---|
| Migración en función del hogar | Envíos regulares, presión fuerte por sostener a la familia |
| Migración autónoma | Envíos menores y ocasionales, sobre todo en emergencias |
| Migración dependiente del esposo | Pocos envíos propios; aporte económico invisible |

## Efectos ambivalentes

Recibir remesas puede dar a las mujeres que se quedan más poder de decisión, autonomía en la
administración del hogar y reconocimiento como proveedoras. Pero también puede sobrecargarlas de
tareas, generar ansiedad y dependencia, y convertirse en un mecanismo de control: el dinero que
llega condiciona el comportamiento de las esposas, vigiladas por la familia del migrante.

> El hogar no es una unidad armónica: es un espacio con jerarquías por edad, género y
> parentesco. Cualquier análisis de remesas debe partir de ahí.

### Para la discusión

¿Cómo diseñaría un programa de educación financiera para receptoras de remesas que fortalezca su
autonomía en lugar de reforzar el control sobre ellas?
"""

VIOLENCE_AND_TRAFFICKING = """\
## Riesgos a lo largo del trayecto

Origen, tránsito y destino están marcados por la construcción social del género. Las mujeres
migrantes enfrentan riesgos específicos: violencia sexual, control de su sexualidad, limitaciones
a sus derechos y, en los trayectos irregulares, la posibilidad de deportación o de muerte, casi
siempre ignorada por las estadísticas oficiales.

## La trata de personas

La trata no tiene solo fines de explotación sexual. También se da para el trabajo en el hogar,
para el transporte de drogas (las llamadas *burriers*) y para otras formas de economía ilegal. La
esperanza de una vida mejor es la fuerza que impulsa a muchas mujeres a migrar, y es también lo
que los tratantes aprovechan.

### Elementos de la trata

1. **Acción:** captar, transportar, trasladar, acoger o recibir personas.
2. **Medio:** amenaza, fuerza, engaño, abuso de poder o de una situación de vulnerabilidad.
3. **Fin:** explotación, en cualquiera de sus formas.

Cuando la víctima es menor de edad, basta la acción con fines de explotación; no se requiere
probar el medio.

## Refugio y persecución por género

Aunque cerca de la mitad de la población refugiada del mundo son mujeres, muy pocas obtienen
el estatuto de refugiada por causas vinculadas al género, porque la persecución por razones de
género no siempre se acepta como fundamento válido de la solicitud.

## Dos tareas para la política pública

- **Identificar** las principales violaciones de los derechos de las mujeres migrantes, en
  especial cuando hay trata o migración forzada.
- **Reconocer y fortalecer** los instrumentos de incidencia y las organizaciones que defienden
  sus derechos, en origen y en destino.

### Actividad

Revise el protocolo de atención a víctimas de trata de su país. ¿Contempla la situación de
mujeres extranjeras en situación irregular? ¿Qué pasa con su estatus migratorio durante el
proceso?
"""

# Module 5 ---------------------------------------------------------------------------------------

COUNTRYSIDE_TO_CITY = """\
## Un país que se mudó a la ciudad

El Perú de hoy es muy distinto del de mediados del siglo XX. En cincuenta años dejó de ser un país
rural para convertirse en un país urbano: millones de personas dejaron el campo y se
establecieron en las ciudades. La migración interna puede considerarse el proceso social más
importante del Perú del siglo XX: reorganizó la economía, la estructura social, el sistema
político y la cultura.

## Cronología básica

- **Años cuarenta.** Empiezan los grandes desplazamientos hacia Lima.
- **Años sesenta.** La migración hacia la capital alcanza su punto más alto.
- **Desde los ochenta.** La violencia política añade desplazamientos forzados a los económicos.
- **Hoy.** Los flujos continúan, con más destinos regionales: Trujillo, Chiclayo, Piura y
  Arequipa atraen población de sus entornos rurales y de la Amazonía.

## Algunas cifras

| Indicador (2007) | Valor |
|---|---:|
| Población total estimada | 27,9 millones |
| Población urbana | 72,2 % |
| Población rural | 27,8 % |
| Densidad media del país | 21 hab/km² |
| Densidad de Lima Metropolitana | 2614 hab/km² |

Lima concentra alrededor de un tercio de la población en apenas una décima parte del territorio
y es el centro político y económico del país.

## Construir la ciudad

Las condiciones de llegada fueron duras. En Lima, miles de familias ocuparon terrenos eriazos,
generalmente en cerros o arenales, y levantaron viviendas de esteras, cartón o madera. Con los
años, muchas de esas ocupaciones se formalizaron y obtuvieron títulos de propiedad. Distritos
enteros, con cientos de miles de habitantes, nacieron así. Los lazos familiares y de paisanaje
entre migrantes andinos en la costa formaron redes que explican cómo creció la ciudad.

## Migración interna e internacional

No se puede entender la diáspora peruana sin esta historia previa. Muchas familias que hoy
tienen parientes en Madrid, Santiago o Nueva Jersey hicieron antes el tránsito del pueblo a la
capital. La migración internacional es, con frecuencia, la segunda etapa de una trayectoria que
empezó dentro del país.

### Para la discusión

¿Su familia tiene una historia de migración interna? ¿Qué redes hicieron posible la llegada a la
ciudad?
"""

NET_MIGRATION_RATES = """\
## Leer una tabla de tasas netas

La Encuesta Nacional de Hogares realizada entre diciembre de 2005 y febrero de 2006 permitió
estimar, para cada departamento, la emigración, la inmigración y el saldo migratorio por cada
100 habitantes. Una tasa neta positiva indica que el departamento **atrae** población; una
negativa, que la **expulsa**.

| Departamento | Emigración | Inmigración | Tasa neta |
|---|---:|---:|---:|
| Amazonas | 10,80 | 21,98 | 11,18 |
| Áncash | 20,17 | 12,39 | -7,78 |
| Apurímac | 19,55 | 4,52 | -15,03 |
| Arequipa | 18,04 | 22,33 | 4,29 |
| Ayacucho | 19,91 | 4,46 | -15,45 |
| Cajamarca | 30,43 | 7,53 | -22,90 |
| Callao | 41,35 | 62,69 | 21,34 |
| Cusco | 29,63 | 11,21 | -18,42 |
| Huancavelica | 23,27 | 5,75 | -17,52 |
| Huánuco | 22,21 | 11,19 | -11,02 |
| Ica | 9,99 | 20,69 | 10,70 |
| Junín | 22,44 | 18,84 | -3,60 |
| La Libertad | 17,33 | 12,78 | -4,55 |
| Lambayeque | 22,25 | 18,98 | -3,27 |
| Lima | 19,06 | 33,87 | 14,81 |
| Loreto | 10,60 | 8,04 | -2,56 |
| Madre de Dios | 2,41 | 38,82 | 36,41 |
| Moquegua | 8,48 | 36,72 | 28,24 |
| Pasco | 9,40 | 17,47 | 8,07 |
| Piura | 23,00 | 5,50 | -17,50 |
| Puno | 33,46 | 2,71 | -30,75 |
| San Martín | 13,35 | 30,46 | 17,11 |
| Tacna | 7,71 | 39,02 | 31,31 |
| Tumbes | 3,72 | 24,40 | 20,68 |
| Ucayali | 4,50 | 27,15 | 22,65 |

*Fuente: Encuesta Nacional de Hogares 2005-2006, citada por Carlos E. Aramburu (2006). Tasas por
cada 100 habitantes.*

## Patrones

- **Atraen población** los departamentos de la costa, en especial del sur (Tacna, Moquegua) y
  Lima con el Callao, y los de la Amazonía (Madre de Dios, Ucayali, San Martín).
- **Expulsan población** los de la sierra sur (Puno, Cusco, Huancavelica, Ayacucho, Apurímac),
  además de Cajamarca y Piura.

## Una persistencia llamativa

En 1972 el panorama era casi idéntico: Lima, Madre de Dios, Tacna y Ucayali atraían población;
Apurímac, Ayacucho y Huancavelica la expulsaban. ¿No ha cambiado nada en más de tres décadas?

Dos precauciones ayudan a interpretarlo:

1. Estas cifras miden la migración **de toda la vida** (lugar de nacimiento frente a lugar de
   residencia). Como la mayor parte de la migración interna ocurrió en los años sesenta y
   setenta, y la gente suele migrar entre los 20 y los 35 años, la tabla incluye a personas que
   migraron hace décadas.
2. Aun así, la concentración del empleo y de la educación técnica y superior en la costa, y el
   acceso a tierras y recursos en la Amazonía, siguen explicando los flujos. Ni la minería, que
   crea pocos empleos directos, ni las innovaciones agrícolas (alcachofa, páprika) han revertido
   la fuerza de expulsión de la sierra sur.

### Ejercicio

1. Ordene los departamentos de mayor a menor tasa neta y agrúpelos por región natural.
2. Calcule la tasa neta promedio simple de los departamentos de la sierra sur.
3. Escriba un párrafo: ¿qué política regional propondría para Puno, el departamento con la tasa
   más negativa?
"""

VIOLENCE_AND_DISPLACEMENT = """\
## Desplazarse para sobrevivir

Entre 1980 y 2000, el conflicto armado interno enfrentó al Estado con Sendero Luminoso y otros
grupos. La Comisión de la Verdad y Reconciliación estimó en cerca de 70 000 las víctimas fatales.
Las estimaciones de población desplazada van de 600 000 a un millón de personas.

## Dónde y quiénes

La violencia se concentró en el centro y sur andino: **Ayacucho, Junín, Huancavelica, Apurímac y
Cusco**. Comunidades enteras huyeron del fuego cruzado entre los grupos alzados en armas y las
fuerzas del Estado, hacia las capitales departamentales y hacia Lima.

Una gran parte de la población desplazada estuvo formada por **viudas y madres solas** a cargo de
sus hijos. Muy pocas familias regresaron a sus lugares de origen, y las que lo hicieron contaron
casi siempre con el apoyo de organizaciones no gubernamentales y, más tarde, del Estado.

## Desplazamiento y emigración

La violencia y la hiperinflación de los años ochenta coincidieron con el inicio de la emigración
masiva al exterior. Para muchas familias, el desplazamiento interno fue la primera etapa y la
salida del país la segunda.

| Década | Rasgo dominante de la movilidad |
|---|---|
| 1950-1970 | Migración económica del campo a la ciudad |
| 1980-1990 | Desplazamiento forzado por la violencia y primeras olas de emigración |
| 1990-2000 | Emigración masiva; retorno limitado de desplazados |
| 2000 en adelante | Emigración sostenida y redes transnacionales consolidadas |

## Reparación y memoria

El Plan Integral de Reparaciones reconoció a las personas desplazadas como víctimas. Sin embargo,
el registro y la atención han avanzado con lentitud, y muchas familias asentadas en las ciudades
ya no planean volver. La política pública enfrenta una pregunta difícil: ¿cómo reparar a quien
rehízo su vida en otro lugar?

### Para la discusión

¿Qué diferencias hay entre la persona desplazada interna y la refugiada? ¿Por qué la
protección internacional de la primera es más débil?
"""

ATTRACTION_POLES = """\
## Cuánto pesan los migrantes en cada región

Otra manera de mirar la migración interna es preguntar qué proporción de la población de cada
departamento nació en otro lugar. La costa y la selva muestran porcentajes altos; la sierra,
porcentajes bajos.

| Departamento | % inmigrantes | Departamento | % inmigrantes |
|---|---:|---|---:|
| Madre de Dios | 41 | Junín | 14 |
| Tacna | 37 | La Libertad | 13 |
| Moquegua | 33 | Áncash | 12 |
| San Martín | 32 | Huánuco | 10 |
| Ucayali | 32 | Loreto | 7 |
| Lima y Callao | 31 | Cusco | 6 |
| Arequipa | 23 | Ayacucho | 5 |
| Amazonas | 21 | Cajamarca | 5 |
| Ica | 20 | Huancavelica | 5 |
| Lambayeque | 18 | Apurímac | 4 |
| Tumbes | 17 | Piura | 4 |
| Pasco | 16 | Puno | 2 |

*Fuente: Perú Económico, diciembre de 2006.*

## Dos explicaciones distintas

- **En la costa**, la concentración de inmigrantes es herencia del gran traslado del campo a la
  ciudad que comenzó en los años cincuenta.
- **En la selva**, se explica por la expansión de sectores productivos, principalmente
  extractivos: oro aluvial en Madre de Dios, madera y agricultura comercial en Ucayali y San
  Martín.

## Retener y atraer talento

Algunos programas regionales buscan que las regiones expulsoras retengan y atraigan a su
población joven más educada, clave para el desarrollo local. Evaluarlos en pocos años permitirá
saber si la descentralización puede cambiar patrones que llevan medio siglo.

## Un testimonio

Uno de los primeros participantes de este diploma, profesor universitario en Huacho, una
provincia con alta emigración, viajaba más de dos horas para llegar a clase en Lima. Su razón:
sin conocer la migración no se puede lograr que las familias de los migrantes, y la sociedad en
su conjunto, aprovechen mejor sus beneficios. La distancia entre las regiones y los espacios de
formación es, en sí misma, un tema de política.

### Actividad

Compare esta tabla con la de tasas netas de la lección anterior. ¿Qué departamentos tienen mucha
población inmigrante pero una tasa neta baja? ¿Cómo lo explica?
"""

# Module 6 ---------------------------------------------------------------------------------------

MIGRANTS_HUMAN_RIGHTS = """\
## Los derechos no dependen de los papeles

Toda persona migrante es titular de derechos humanos por el solo hecho de ser persona. La
situación migratoria irregular es, en la mayoría de los países, una falta administrativa y no un
delito; no autoriza a desconocer la dignidad, la integridad ni el debido proceso.

## El marco universal

- **Declaración Universal de Derechos Humanos (1948).** Reconoce el derecho a salir de cualquier
  país, incluso del propio, y a regresar a él.
- **Pactos internacionales de 1966.** Garantizan derechos civiles, políticos, económicos,
  sociales y culturales sin discriminación por origen nacional.
- **Convención internacional de 1990** sobre los derechos de todos los trabajadores migratorios
  y de sus familiares, de la que el Perú es Estado parte.
- **Protocolos de Palermo (2000)** contra la trata de personas y el tráfico ilícito de migrantes.

## Principios que orientan la protección

| Principio | Qué exige en la práctica |
|---|---|
| Igualdad y no discriminación | Mismo trato ante la ley, sin importar nacionalidad o estatus |
| Debido proceso | Información, intérprete, defensa y recurso antes de una expulsión |
| No devolución | No enviar a nadie a un lugar donde corra riesgo grave |
| Interés superior del niño | Ninguna decisión migratoria separa o daña a un menor sin evaluarlo |
| Unidad familiar | Considerar los vínculos familiares en toda decisión |

## Los problemas más frecuentes

Los principales problemas que enfrentan las personas peruanas en los países de destino derivan
de la irregularidad: empleos sin contrato, dificultad para acceder a la salud y a la justicia,
miedo a denunciar abusos y, en algunos casos, obstáculos para la escolaridad de sus hijos.

### Para la discusión

¿Qué derechos de la tabla se ven más comprometidos en los controles migratorios de frontera? ¿Qué
cambiaría si la autoridad migratoria tuviera que justificar por escrito cada inadmisión?
"""

CONSULAR_PROTECTION = """\
## Qué es la protección consular

La **Convención de Viena sobre Relaciones Consulares (1963)** reconoce el derecho de toda persona
detenida en el extranjero a comunicarse con su consulado y el deber de las autoridades locales
de informarle de ese derecho sin demora. Más allá de la detención, los consulados expiden
documentos, registran nacimientos y matrimonios, asisten en emergencias y orientan a sus
nacionales.

## Una historia con tensiones

Organizaciones de peruanos en Europa denunciaron a inicios de la década de 2000 que algunos
consulados actuaban más como oficinas de control que como servicios de protección: negaban
trámites a personas indocumentadas y no las defendían frente a abusos. Esas denuncias impulsaron
cambios en la política consular a partir de 2001, considerados positivos pero insuficientes por
las propias comunidades.

## La reforma consular

Las líneas de la política peruana hacia sus nacionales en el exterior incluyen:

1. Mejora permanente de los servicios consulares: legalidad, simplificación administrativa,
   eficiencia, modernización tecnológica y descentralización.
2. Programa de asistencia humanitaria.
3. Programa de protección legal.
4. Apoyo a la inserción productiva y legal, con respeto de los derechos humanos, en las
   sociedades de recepción.
5. Promoción del vínculo cultural y nacional, reconociendo el carácter multicultural del Perú.
6. Vinculación productiva con el país: seguridad de las remesas, inversión y retorno voluntario.
7. Promoción de la ciudadanía y la participación democrática de los peruanos en el exterior.

## Lo que piden las comunidades

- Superar la relación vertical entre diplomáticos y comunidad, dando participación real a los
  **consejos de consulta**.
- Agilizar y digitalizar la emisión de documentos, reducir las tasas y exonerar multas
  electorales.
- Crear consulados honorarios donde no hay representación.
- Ofrecer asistencia, y repatriación si hace falta, a personas en extrema pobreza, con
  documentos gratuitos.
- Incluir formación en trabajo social en la academia diplomática.

### Caso para la sesión en vivo

Un trabajador peruano sin documentos es detenido en una redada en un país de destino. Su familia
llama al consulado. Enumere, en orden, las acciones que el consulado debe realizar en las
primeras 48 horas.
"""

HUMAN_RIGHTS_PLAN = """\
## Migración en el Plan Nacional de Derechos Humanos

El Plan Nacional de Derechos Humanos aprobado en 2005 dedicó un objetivo a las personas
migrantes. Su resultado esperado era **fortalecer los mecanismos de protección y promoción
integral de los derechos de los migrantes**. Para lograrlo, enumeró actividades concretas.

| Actividad | Contenido |
|---|---|
| A1 | Ratificar normas internacionales de protección y adecuar el derecho interno |
| A2 | Incluir la migración en los acuerdos comerciales, como los TLC con EE. UU. y la UE |
| A3 | Campañas de información sobre migración documentada, trata y riesgos |
| A4 | Sistemas de alerta temprana ante emergencias que afecten a peruanos en el exterior |
| A5 | Participación de la sociedad civil en los comités de frontera |
| A6 | Simplificar trámites y reducir tasas consulares |
| A7 | Abaratar y facilitar la transferencia de remesas y su uso productivo |
| A8 | Apoyo al retorno y a la reinserción productiva |
| A9 | Campañas contra prejuicios y estereotipos en los países de destino |

## Recomendaciones de la sociedad civil

Organizaciones peruanas de derechos humanos presentaron al relator especial de la ONU sobre los
derechos de los migrantes un conjunto de recomendaciones que retoman y amplían el plan:

- orientar las políticas públicas migratorias con una visión integral;
- fortalecer las redes de protección social ya existentes;
- aplicar el acuerdo de residencia del MERCOSUR a los peruanos residentes en los países miembros
  y asociados, y regularizar mientras tanto su situación;
- apoyar programas de formación y de generación de ingresos para migrantes y sus familias;
- dignificar las condiciones laborales en los sectores donde se emplea mano de obra peruana.

## Evaluar un plan

Un plan de derechos humanos se evalúa por sus resultados, no por su redacción. Para cada
actividad conviene preguntar: ¿quién es responsable?, ¿con qué presupuesto?, ¿con qué indicador?,
¿quién informa a quién?

### Actividad

Elija dos actividades de la tabla y busque evidencia de su cumplimiento. Presente sus hallazgos
en el foro del módulo con las fuentes consultadas.
"""

# Module 7 ---------------------------------------------------------------------------------------

DATA_SOURCES = """\
## ¿De dónde salen las cifras?

Toda investigación sobre migraciones empieza por conocer las fuentes disponibles y sus límites.
Ninguna fuente capta por sí sola a toda la población migrante.

| Fuente | Qué mide bien | Límites principales |
|---|---|---|
| Censos de población | Stock de migrantes internos | Cada 10 años; nada del exterior |
| Encuestas de hogares (ENAHO) | Hogares con migrantes; remesas | Muestras pequeñas por región |
| Registros de entradas y salidas | Flujos por sexo y edad | No separa turistas y migrantes |
| Registros consulares | Peruanos inscritos en el exterior | Subregistro de irregulares |
| Estadísticas del país de destino | Residentes, permisos de trabajo | Definiciones distintas |
| Encuestas especializadas | Trayectorias, causas, intenciones | Costosas; cobertura parcial |

## Un ejemplo de discrepancia

En 1995, el registro consular peruano contaba unos **35 000** peruanos en España, mientras que la
autoridad migratoria española registraba apenas **15 092**. La diferencia no es un error: el
consulado inscribe a quien se acerca, tenga o no residencia; el registro español cuenta solo a
quienes tienen permiso de residencia.

## El saldo migratorio internacional

Con los registros de entradas y salidas puede calcularse el **saldo migratorio**: salidas menos
regresos. En 1999 salieron y no volvieron unas 70 900 personas; en 2000, el año de mayor crisis
política, la cifra subió a 183 800. Entre enero y septiembre de 2002 el saldo acumulado alcanzó
unas 220 400 personas, a un ritmo de 24 000 por mes.

## Buenas prácticas

- Citar siempre la fuente, el año y la definición usada.
- Contrastar al menos dos fuentes antes de afirmar una tendencia.
- Declarar qué poblaciones quedan fuera (irregulares, menores, migración circular).

### Ejercicio

Elija una de las fuentes de la tabla y redacte una ficha de media página con: institución
productora, periodicidad, unidad de análisis, variables migratorias disponibles y forma de acceso.
"""

MEASURING_MIGRATION = """\
## Stock y flujo

- El **stock** es el número de migrantes en un momento dado: por ejemplo, cuántas personas
  nacidas en Puno viven en Arequipa según el censo.
- El **flujo** es el número de movimientos en un periodo: cuántas personas se mudaron de Puno a
  Arequipa entre dos fechas.

Confundirlos es el error más frecuente en los informes de política.

## Migración de toda la vida y migración reciente

La migración **de toda la vida** compara el lugar de nacimiento con el de residencia actual. La
migración **reciente** compara el lugar de residencia actual con el de hace cinco años. La
primera acumula décadas de historia; la segunda muestra los movimientos actuales.

## La tasa neta de migración

Para un área y un periodo:

    tasa neta = (inmigrantes - emigrantes) / población media * 100

Se expresa por cada 100 o por cada 1000 habitantes. Es positiva si el área gana población por
migración y negativa si la pierde.

### Ejemplo resuelto

| Dato | Valor |
|---|---:|
| Población media del departamento | 500 000 |
| Inmigrantes en el periodo | 12 000 |
| Emigrantes en el periodo | 20 000 |
| Saldo migratorio | -8000 |
| Tasa neta (por 100 habitantes) | -1,6 |

El departamento pierde 1,6 personas por cada 100 habitantes por efecto de la migración.

## Indicadores complementarios

- **Índice de eficacia migratoria:** saldo dividido entre la suma de inmigrantes y emigrantes;
  indica si el intercambio es equilibrado o en un solo sentido.
- **Proporción de hogares con emigrantes** y **proporción de hogares que reciben remesas**, a
  partir de encuestas de hogares.

### Ejercicio

Con los datos del ejemplo, calcule el índice de eficacia migratoria e interprete el resultado.
"""

QUALITATIVE_METHODS = """\
## Más allá de los números

Las estadísticas dicen cuántos y adónde; los métodos cualitativos ayudan a entender por qué y
cómo. La investigación sobre migraciones combina ambos enfoques.

## Técnicas frecuentes

- **Historias de vida.** Reconstruyen la trayectoria completa de una persona: el pueblo, la
  ciudad, el extranjero, el retorno. Permiten ver la migración como proceso y no como evento.
- **Etnografía multisituada.** Sigue a una red o comunidad en varios lugares a la vez, por
  ejemplo, en un distrito de Lima y en un barrio de Milán.
- **Entrevistas a informantes clave.** Funcionarios consulares, dirigentes de asociaciones,
  empleadores.
- **Grupos focales.** Útiles para explorar percepciones, por ejemplo, sobre el uso de las
  remesas en una comunidad.

## Ética de la investigación con migrantes

Investigar con personas en situación irregular exige cuidados especiales:

1. **Consentimiento informado** claro, en la lengua de la persona, y la posibilidad real de
   negarse o retirarse.
2. **Confidencialidad.** No registrar nombres ni datos que permitan identificar a alguien ante
   una autoridad migratoria; guardar los archivos cifrados.
3. **No daño.** Evitar preguntas que expongan a la persona a riesgos legales o emocionales
   innecesarios.
4. **Devolución.** Compartir los resultados con las comunidades que participaron.

## Combinar métodos

Un diseño mixto típico parte de una encuesta para identificar patrones y luego selecciona casos
para entrevistas a profundidad que expliquen los hallazgos. El orden inverso también es posible:
explorar primero con entrevistas y luego medir con una encuesta.

### Actividad

Redacte el formulario de consentimiento informado para una entrevista con una trabajadora
migrante en situación irregular. Revíselo con un compañero o compañera del curso.
"""

FINAL_PROJECT = """\
## El trabajo final del diploma

El diploma termina con un trabajo de investigación aplicada, individual o en pareja, de entre 15
y 20 páginas, sobre un problema de política migratoria del Perú o de la región. Su propósito es
demostrar que usted puede formular una pregunta relevante, reunir evidencia y proponer
recomendaciones realistas.

## Estructura sugerida

1. Problema y pregunta de investigación.
2. Contexto y marco normativo.
3. Fuentes y método.
4. Hallazgos.
5. Recomendaciones de política, con actores responsables.
6. Referencias.

## Criterios de evaluación

| Criterio | Peso |
|---|---:|
| Pertinencia y claridad de la pregunta | 20 % |
| Uso crítico de fuentes y datos | 25 % |
| Rigor del análisis | 25 % |
| Calidad y viabilidad de las recomendaciones | 20 % |
| Redacción y citas | 10 % |

La nota se expresa en la escala vigesimal; la nota mínima aprobatoria del diploma es 11.

## Calendario

- Propuesta de una página: al final de la segunda semana del módulo.
- Avance con fuentes y método: en la tercera semana.
- Versión final: dos semanas después de la última sesión.

## Temas sugeridos

- La aplicación de la ley de reinserción del migrante retornado en una región.
- El costo de las remesas en un corredor específico.
- La situación de las trabajadoras del hogar migrantes en Lima.
- La participación de la sociedad civil en los comités de frontera.
"""

# The programme ----------------------------------------------------------------------------------

DESCRIPTION = """\
## Un diploma para pensar la migración desde el Perú

Cerca de uno de cada diez peruanos vive fuera del país. La migración internacional dejó de ser un
tema marginal para convertirse en una prioridad de la agenda nacional: afecta a millones de
familias, mueve miles de millones de dólares en remesas y pone a prueba la capacidad del Estado
para proteger a sus nacionales dentro y fuera del territorio. Sin embargo, los espacios para
analizarla y debatirla con rigor siguen siendo escasos.

El **Diploma en Migración Internacional, Globalización y Desarrollo** ofrece ese espacio. Combina
investigación académica, experiencia de gestión pública y el conocimiento práctico de
organismos internacionales especializados.

## Historia

El diploma comenzó en 2005, cuando un cónsul peruano propuso a la Pontificia Universidad Católica
del Perú crear un curso para formar a funcionarios del servicio diplomático. El antropólogo
Teófilo Altamirano, especialista en migraciones, asumió el reto. Lo que empezó como una
experiencia para la Cancillería se consolidó como un programa de posgrado de las ciencias
sociales que contribuye a formar pensamiento crítico y a diseñar políticas migratorias más
eficaces.

Desde el inicio cuenta con el apoyo de la Organización Internacional para las Migraciones, cuyo
personal participa como docente y acerca a los estudiantes al trabajo cotidiano de un organismo
especializado. Un convenio con la Universidad del País Vasco (UPV/EHU) tiende puentes entre un
país de origen y uno de destino: docentes de la PUCP enseñan en Bilbao y docentes vascos
participan en Lima.

## A quién está dirigido

- Funcionarias y funcionarios de la Cancillería, del Ministerio de Trabajo, de Migraciones y de
  gobiernos regionales y locales.
- Personal de organismos internacionales y de la cooperación.
- Integrantes de organizaciones de la sociedad civil, sindicatos y asociaciones de migrantes.
- Docentes e investigadores, también de universidades de regiones con alta emigración.

Las aulas reúnen a diplomáticos, académicos y activistas de distintas regiones y países: esa
mezcla de miradas es parte central de la formación.

## Plan de estudios

| Módulo | Horas |
|---|---:|
| Políticas migratorias y gobernanza de las migraciones | 20 |
| Remesas y desarrollo | 16 |
| Migración laboral y derechos de los trabajadores migrantes | 16 |
| Género y migración | 16 |
| Migración interna e historia de las migraciones en el Perú | 16 |
| Derechos humanos y protección consular | 16 |
| Métodos de investigación sobre migraciones | 20 |
| **Total** | **120** |

## Metodología

Modalidad **híbrida**: lecturas y lecciones en la plataforma, sesiones en vivo en el campus de la
PUCP en Lima con transmisión en línea para participantes de regiones y del extranjero, foros de
discusión y un trabajo final de investigación aplicada.

## Diploma

Quienes aprueban reciben un diploma de la Pontificia Universidad Católica del Perú, verificable en
línea mediante un código y un código QR.
"""

SIGNATORIES = """\
Dra. Carmen Valdivia Rojas, Directora de la Escuela de Posgrado
Dra. Gabriela Torres Núñez, Coordinadora académica del diploma"""

PROGRAMME = ProgrammeSpec(
    slug="migracion-internacional",
    title="Migración Internacional, Globalización y Desarrollo",
    summary=(
        "Diploma de posgrado de 120 horas sobre políticas migratorias, remesas, migración laboral, "
        "género y derechos humanos, con el apoyo de la OIM y la Universidad del País Vasco."
    ),
    description=DESCRIPTION,
    language="es",
    required_hours=120,
    grading_scale="0-20",
    pass_grade=Decimal("11"),
    min_attendance=80,
    signatories=SIGNATORIES,
    modules=(
        ModuleSpec(
            slug="politicas-migratorias",
            title="Políticas migratorias y gobernanza de las migraciones",
            topic="policy",
            hours=20,
            summary=(
                "Cómo el Perú pasó de país de inmigración a país de emigración, qué instituciones "
                "gobiernan hoy la migración y qué compromisos internacionales las orientan."
            ),
            release_day=0,
            leads=("instructor",),
            lessons=(
                LessonSpec(
                    "del-pais-de-inmigracion-al-de-emigracion",
                    "Del país de inmigración al país de emigración",
                    35,
                    FROM_IMMIGRATION_TO_EMIGRATION,
                    (WORLD_REPORT,),
                ),
                LessonSpec(
                    "actores-e-instituciones",
                    "Actores e instituciones de la gobernanza migratoria en el Perú",
                    40,
                    ACTORS_AND_INSTITUTIONS,
                    (RREE, MIGRACIONES),
                ),
                LessonSpec(
                    "gobernanza-internacional",
                    "La gobernanza internacional y regional de las migraciones",
                    35,
                    INTERNATIONAL_GOVERNANCE,
                    (IOM, CAN),
                ),
                LessonSpec(
                    "encuesta-peruanos-en-el-exterior",
                    "Caso: ¿qué sabemos de los peruanos en el exterior?",
                    30,
                    SURVEY_CASE,
                    (IOM_PERU, INEI),
                ),
            ),
            sessions=(
                SessionSpec("Sesión inaugural: la migración en la agenda nacional", 3),
                SessionSpec("Mesa redonda con la Cancillería y la OIM", 8),
            ),
        ),
        ModuleSpec(
            slug="remesas-y-desarrollo",
            title="Remesas y desarrollo",
            topic="remittances",
            hours=16,
            summary=(
                "Qué son las remesas, cuánto pesan en la economía peruana, cuánto cuesta enviarlas "
                "y qué pueden y no pueden hacer por el desarrollo local."
            ),
            release_day=10,
            leads=("rquispe",),
            lessons=(
                LessonSpec(
                    "que-son-las-remesas",
                    "¿Qué son las remesas? Una tipología",
                    30,
                    WHAT_REMITTANCES_ARE,
                    (WORLD_BANK,),
                ),
                LessonSpec(
                    "remesas-en-el-peru",
                    "Las remesas en el Perú: magnitud y usos",
                    35,
                    REMITTANCES_IN_PERU,
                    (BCRP,),
                ),
                LessonSpec(
                    "el-costo-de-enviar-dinero",
                    "El costo de enviar dinero",
                    30,
                    COST_OF_SENDING,
                    (REMITTANCE_PRICES, SDG),
                ),
                LessonSpec(
                    "remesas-y-desarrollo-local",
                    "Remesas, desarrollo local y retorno productivo",
                    35,
                    LOCAL_DEVELOPMENT,
                    (IOM_PERU,),
                ),
            ),
            sessions=(SessionSpec("Taller: cómo leer las estadísticas de remesas", 4),),
        ),
        ModuleSpec(
            slug="migracion-laboral",
            title="Migración laboral y derechos de los trabajadores migrantes",
            topic="labour",
            hours=16,
            summary=(
                "El mercado de trabajo como causa de la emigración, las normas internacionales que "
                "protegen a los trabajadores migrantes y el papel del diálogo social."
            ),
            release_day=20,
            leads=("cmorales",),
            lessons=(
                LessonSpec(
                    "trabajo-y-emigracion",
                    "Mercado de trabajo y emigración en el Perú",
                    35,
                    WORK_AND_EMIGRATION,
                    (ILO,),
                ),
                LessonSpec(
                    "normas-internacionales-del-trabajo",
                    "Normas internacionales sobre trabajadores migrantes",
                    40,
                    INTERNATIONAL_LABOUR_STANDARDS,
                    (NORMLEX, OHCHR),
                ),
                LessonSpec(
                    "dialogo-social",
                    "Diálogo social: sindicatos, empleadores y Estado",
                    30,
                    SOCIAL_DIALOGUE,
                    (ILO,),
                ),
                LessonSpec(
                    "reclutamiento-equitativo",
                    "Reclutamiento equitativo y agencias de empleo",
                    25,
                    FAIR_RECRUITMENT,
                    (ILO,),
                    is_published=False,
                ),
            ),
            sessions=(
                SessionSpec("Conversatorio con la Mesa Intersindical", 3),
                SessionSpec("Análisis de casos de contratación abusiva", 8, online_only=True),
            ),
        ),
        ModuleSpec(
            slug="genero-y-migracion",
            title="Género y migración",
            topic="gender",
            hours=16,
            summary=(
                "La feminización de las migraciones, el trabajo del hogar, las remesas vistas con "
                "perspectiva de género y la protección frente a la violencia y la trata."
            ),
            release_day=30,
            leads=("ietxeberria",),
            guests=("rhuamani",),
            lessons=(
                LessonSpec(
                    "feminizacion-de-las-migraciones",
                    "La feminización de las migraciones",
                    30,
                    FEMINISATION,
                    (UN_WOMEN,),
                ),
                LessonSpec(
                    "migracion-femenina-y-trabajo-del-hogar",
                    "Migración interna femenina y trabajo del hogar",
                    35,
                    DOMESTIC_WORKERS,
                    (ILO,),
                ),
                LessonSpec(
                    "remesas-y-genero",
                    "Remesas con perspectiva de género",
                    30,
                    REMITTANCES_AND_GENDER,
                    (UN_WOMEN, WORLD_BANK),
                ),
                LessonSpec(
                    "violencia-y-trata",
                    "Violencia, trata de personas y protección",
                    35,
                    VIOLENCE_AND_TRAFFICKING,
                    (IOM, OHCHR),
                ),
            ),
            sessions=(
                SessionSpec("Seminario: cadenas globales de cuidado", 3),
                SessionSpec("Invitada: el trabajo del Centro de Asesoría Laboral", 8),
            ),
        ),
        ModuleSpec(
            slug="migracion-interna",
            title="Migración interna e historia de las migraciones en el Perú",
            topic="history",
            hours=16,
            summary=(
                "Del campo a la ciudad: un siglo de migración interna, las tasas netas por "
                "departamento, el desplazamiento por la violencia política y los polos de "
                "atracción."
            ),
            release_day=40,
            leads=("instructor",),
            lessons=(
                LessonSpec(
                    "del-campo-a-la-ciudad",
                    "Del campo a la ciudad: un siglo de migración interna",
                    30,
                    COUNTRYSIDE_TO_CITY,
                    (INEI,),
                ),
                LessonSpec(
                    "tasas-netas-por-departamento",
                    "Tasas netas de migración por departamento",
                    45,
                    NET_MIGRATION_RATES,
                    (INEI, DATA_PORTAL),
                ),
                LessonSpec(
                    "violencia-y-desplazamiento",
                    "Violencia política y desplazamiento interno",
                    35,
                    VIOLENCE_AND_DISPLACEMENT,
                    (CVR,),
                ),
                LessonSpec(
                    "polos-de-atraccion",
                    "Polos de atracción: la costa y la Amazonía",
                    30,
                    ATTRACTION_POLES,
                    (INEI,),
                ),
            ),
            sessions=(
                SessionSpec("Lectura colectiva de la tabla de tasas netas", 3),
                SessionSpec("Memoria y desplazamiento: diálogo con la CVR", 8),
            ),
        ),
        ModuleSpec(
            slug="derechos-humanos",
            title="Derechos humanos y protección consular",
            topic="human_rights",
            hours=16,
            summary=(
                "Los derechos de las personas migrantes con independencia de su situación, la "
                "protección consular y el plan nacional de derechos humanos."
            ),
            release_day=50,
            leads=("jarbulu",),
            lessons=(
                LessonSpec(
                    "derechos-de-las-personas-migrantes",
                    "Los derechos no dependen de los papeles",
                    35,
                    MIGRANTS_HUMAN_RIGHTS,
                    (OHCHR,),
                ),
                LessonSpec(
                    "proteccion-consular",
                    "La protección consular y sus reformas",
                    40,
                    CONSULAR_PROTECTION,
                    (RREE,),
                ),
                LessonSpec(
                    "plan-nacional-de-derechos-humanos",
                    "La migración en el Plan Nacional de Derechos Humanos",
                    30,
                    HUMAN_RIGHTS_PLAN,
                    (OHCHR,),
                ),
            ),
            sessions=(SessionSpec("Simulación: un caso de asistencia consular", 4),),
        ),
        ModuleSpec(
            slug="metodos-de-investigacion",
            title="Métodos de investigación sobre migraciones",
            topic="methods",
            hours=20,
            weight=Decimal("1.5"),
            summary=(
                "Fuentes de datos, medición de stocks, flujos y tasas, métodos cualitativos, ética "
                "de la investigación y el trabajo final del diploma."
            ),
            release_day=60,
            leads=("pccori",),
            lessons=(
                LessonSpec(
                    "fuentes-de-datos",
                    "Fuentes de datos sobre migración",
                    35,
                    DATA_SOURCES,
                    (INEI, DATA_PORTAL),
                ),
                LessonSpec(
                    "medir-la-migracion",
                    "Medir la migración: stocks, flujos y tasas",
                    40,
                    MEASURING_MIGRATION,
                    (DATA_PORTAL,),
                ),
                LessonSpec(
                    "metodos-cualitativos-y-etica",
                    "Métodos cualitativos y ética de la investigación",
                    35,
                    QUALITATIVE_METHODS,
                    (WORLD_REPORT,),
                ),
                LessonSpec(
                    "trabajo-final",
                    "El trabajo final del diploma",
                    20,
                    FINAL_PROJECT,
                    (DATA_PORTAL,),
                ),
            ),
            sessions=(
                SessionSpec("Taller de diseño de investigación", 3),
                SessionSpec("Presentación de propuestas de trabajo final", 8, online_only=True),
            ),
        ),
    ),
)
