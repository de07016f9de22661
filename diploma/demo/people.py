"""The institutions and people of the demo: named accounts, instructors and pools of names."""

from dataclasses import dataclass

DEMO_PASSWORD = "diploma-demo"
DEMO_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class InstitutionSpec:
    key: str
    name: str
    acronym: str
    country: str
    kind: str
    website: str = ""


@dataclass(frozen=True)
class InstructorSpec:
    username: str
    first_name: str
    last_name: str
    institution: str  # an InstitutionSpec key
    title: str
    bio: str


@dataclass(frozen=True)
class StudentSpec:
    username: str
    first_name: str
    last_name: str
    gender: str
    country: str
    city: str
    organisation: str
    sector: str
    position: str


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    look_at: str


INSTITUTIONS = (
    InstitutionSpec(
        "pucp", "Pontificia Universidad Católica del Perú", "PUCP", "PE", "university",
        "https://www.pucp.edu.pe/",
    ),
    InstitutionSpec(
        "iom", "Organización Internacional para las Migraciones", "OIM", "", "intergovernmental",
        "https://www.iom.int/es",
    ),
    InstitutionSpec(
        "ehu", "Universidad del País Vasco / Euskal Herriko Unibertsitatea", "UPV/EHU", "ES",
        "university", "https://www.ehu.eus/",
    ),
    InstitutionSpec(
        "rree", "Ministerio de Relaciones Exteriores del Perú", "RREE", "PE", "government",
        "https://www.gob.pe/rree",
    ),
    InstitutionSpec(
        "ilo", "Organización Internacional del Trabajo", "OIT", "", "intergovernmental",
        "https://www.ilo.org/es",
    ),
    InstitutionSpec(
        "gmies", "Grupo de Monitoreo Independiente de El Salvador", "GMIES", "SV", "ngo",
    ),
    InstitutionSpec(
        "ieesford", "Instituto Especializado de Educación Superior para la Formación Diplomática",
        "IEESFORD", "SV", "university",
    ),
    InstitutionSpec(
        "rcm", "Conferencia Regional sobre Migración", "CRM", "", "intergovernmental",
    ),
    InstitutionSpec(
        "prm", "Oficina de Población, Refugiados y Migración, Departamento de Estado de EE. UU.",
        "PRM", "US", "government", "https://www.state.gov/",
    ),
    InstitutionSpec("cedal", "Centro de Asesoría Laboral del Perú", "CEDAL", "PE", "ngo"),
)  # fmt: skip

PARTNERS = {
    "migracion-internacional": (
        ("pucp", "host"),
        ("ehu", "academic"),
        ("iom", "supporter"),
        ("rree", "supporter"),
    ),
    "migracion-laboral": (
        ("iom", "host"),
        ("gmies", "host"),
        ("ilo", "technical"),
        ("ieesford", "technical"),
        ("rcm", "supporter"),
        ("prm", "funder"),
    ),
}

HOSTS = {"migracion-internacional": "pucp", "migracion-laboral": "iom"}

INSTRUCTORS = (
    InstructorSpec(
        "instructor", "Lucía", "Paredes Villanueva", "pucp",
        "Profesora principal de Sociología, PUCP",
        "Socióloga y doctora en estudios de población. Investiga la migración interna en el Perú y "
        "las trayectorias de las familias peruanas en España e Italia. Enseña en el diploma desde "
        "sus primeras ediciones y ha sido profesora visitante en la UPV/EHU en Bilbao.",
    ),
    InstructorSpec(
        "rquispe", "Rodrigo", "Quispe Huamán", "pucp", "Profesor asociado de Economía, PUCP",
        "Economista especializado en remesas, inclusión financiera y desarrollo local andino. "
        "Ha asesorado a cooperativas de ahorro y crédito de Junín y Puno en el pago de remesas.",
    ),
    InstructorSpec(
        "cmorales", "Carmen", "Morales Tello", "iom", "Oficial de programas, OIM Perú",
        "Abogada laboralista. Coordina proyectos de migración laboral y contratación equitativa "
        "en la región andina y acompaña el diálogo entre ministerios de trabajo y centrales "
        "sindicales.",
    ),
    InstructorSpec(
        "ietxeberria", "Itziar", "Etxeberria Goñi", "ehu",
        "Profesora de Sociología, Universidad del País Vasco",
        "Investiga las cadenas globales de cuidado y la inserción laboral de mujeres "
        "latinoamericanas en el País Vasco. Participa en el convenio de cooperación entre la "
        "UPV/EHU y la PUCP.",
    ),
    InstructorSpec(
        "rhuamani", "Rosa", "Huamaní Condori", "cedal",
        "Responsable del programa de Género y Desarrollo, CEDAL",
        "Trabajadora social con larga trayectoria en la defensa de los derechos de las "
        "trabajadoras del hogar y de las mujeres migrantes. Participa en el diploma como invitada.",
    ),
    InstructorSpec(
        "jarbulu", "Javier", "Arbulú Salas", "rree",
        "Ministro consejero en el Servicio Diplomático del Perú",
        "Diplomático de carrera. Ha sido cónsul general en Santiago y en Milán y trabajó en la "
        "reforma de los servicios consulares y en la atención a peruanos en situación vulnerable.",
    ),
    InstructorSpec(
        "pccori", "Patricia", "Ccori Mamani", "pucp", "Profesora de Demografía, PUCP",
        "Demógrafa. Trabaja con censos, encuestas de hogares y registros administrativos para "
        "medir la migración interna e internacional, y dirige un taller de métodos mixtos.",
    ),
    InstructorSpec(
        "malvarado", "Mauricio", "Alvarado Rivas", "ilo",
        "Especialista en migración laboral, OIT",
        "Economista salvadoreño. Asesora a los ministerios de trabajo de Centroamérica en "
        "contratación equitativa, portabilidad de la seguridad social y programas de trabajo "
        "temporal.",
    ),
)  # fmt: skip

COORDINATOR = ("coordinator", "Gabriela", "Torres Núñez")
COORDINATOR_2 = ("coordinator2", "Verónica", "Lemus Arévalo")
PARTNER = ("partner", "Diego", "Salcedo Paz")
ADMIN = ("admin", "Equipo", "Técnico")

NAMED_STUDENTS = (
    StudentSpec(
        "student", "Andrea", "Flores Cáceres", "woman", "PE", "Lima",
        "Ministerio de Relaciones Exteriores", "diplomatic", "Tercera secretaria",
    ),
    StudentSpec(
        "student2", "Martín", "Huertas Lozano", "man", "PE", "Huacho",
        "Universidad Nacional José Faustino Sánchez Carrión", "academia", "Docente investigador",
    ),
    StudentSpec(
        "student3", "Karla", "Menjívar Portillo", "woman", "SV", "San Salvador",
        "Ministerio de Trabajo y Previsión Social", "public", "Técnica de migración laboral",
    ),
)  # fmt: skip

DEMO_LOGINS = (
    DemoLogin("admin", "superuser", "/admin/ — everything, with history"),
    DemoLogin(
        "coordinator",
        "coordinator",
        "/office/ — both editions of the PUCP diploma, their reports and erasure requests",
    ),
    DemoLogin("coordinator2", "coordinator", "/office/ — the labour-migration edition"),
    DemoLogin(
        "instructor",
        "instructor",
        "/teach/ — policy and internal-migration modules; moderates their discussions",
    ),
    DemoLogin(
        "student",
        "student",
        "/learn/ — the running PUCP edition: what is next, discussions, calendar and feed",
    ),
    DemoLogin("student2", "student", "/learn/ — the same edition, other progress"),
    DemoLogin("student3", "student", "/learn/ — the online labour-migration diploma"),
    DemoLogin(
        "partner", "partner (IOM)", "/partners/ — aggregate reports of the programmes IOM supports"
    ),
)

WOMEN = (
    "María", "Rosa", "Carmen", "Ana", "Lucía", "Sofía", "Valeria", "Daniela", "Gabriela", "Paola",
    "Fiorella", "Milagros", "Yesenia", "Claudia", "Patricia", "Elena", "Natalia", "Camila",
    "Ximena", "Jimena", "Silvia", "Verónica", "Karina", "Teresa", "Julia", "Marisol",
)  # fmt: skip
MEN = (
    "José", "Luis", "Carlos", "Jorge", "Juan", "Miguel", "Pedro", "Renzo", "Diego", "Alonso",
    "Raúl", "César", "Víctor", "Fernando", "Andrés", "Ricardo", "Óscar", "Hugo", "Iván",
    "Gonzalo", "Mateo", "Sebastián", "Héctor", "Alberto",
)  # fmt: skip
NEUTRAL = ("Alex", "Cris", "Dani", "Sasha")
SURNAMES = (
    "Quispe", "Mamani", "Flores", "García", "Rodríguez", "Huamán", "Chávez", "Rojas", "Vargas",
    "Mendoza", "Castillo", "Ramos", "Gutiérrez", "Torres", "Sánchez", "Díaz", "Condori", "Ticona",
    "Paredes", "Cárdenas", "Salazar", "Medina", "Ríos", "Aguilar", "Vega", "Cruz", "Morales",
    "Herrera", "Ortiz", "Silva", "Navarro", "Zapata", "Cabrera", "Lozano", "Espinoza", "Pinto",
    "Menjívar", "Hernández", "López", "Martínez", "Pérez", "Urrutia", "Aguirre", "Zubizarreta",
)  # fmt: skip

CITIES = {
    "PE": ("Lima", "Arequipa", "Cusco", "Trujillo", "Piura", "Tacna", "Huancayo", "Ayacucho",
           "Puno", "Chiclayo", "Huacho"),
    "BO": ("La Paz", "Cochabamba", "Santa Cruz de la Sierra"),
    "EC": ("Quito", "Guayaquil", "Cuenca"),
    "CO": ("Bogotá", "Medellín", "Cali"),
    "CL": ("Santiago", "Arica", "Antofagasta"),
    "AR": ("Buenos Aires", "Córdoba", "Mendoza"),
    "ES": ("Madrid", "Bilbao", "Barcelona"),
    "MX": ("Ciudad de México", "Tijuana", "Tapachula"),
    "SV": ("San Salvador", "Santa Ana", "San Miguel"),
    "GT": ("Ciudad de Guatemala", "Quetzaltenango"),
    "HN": ("Tegucigalpa", "San Pedro Sula"),
    "CR": ("San José", "Liberia"),
    "PA": ("Ciudad de Panamá", "David"),
    "DO": ("Santo Domingo", "Santiago de los Caballeros"),
    "NI": ("Managua", "León"),
    "US": ("Washington", "Los Ángeles"),
}  # fmt: skip

# Country weights: mostly Peruvians in Lima's diploma, Central Americans in the regional one.
INTERNATIONAL_COUNTRIES = (
    ("PE", 22), ("BO", 3), ("EC", 3), ("CO", 3), ("CL", 2), ("AR", 2), ("ES", 2), ("MX", 1),
    ("SV", 1), ("GT", 1), ("HN", 1),
)  # fmt: skip
LABOUR_COUNTRIES = (
    ("SV", 3), ("GT", 2), ("HN", 2), ("MX", 2), ("CR", 1), ("PA", 1), ("DO", 1), ("NI", 1),
    ("US", 1),
)  # fmt: skip

SECTORS = (
    ("public", 8), ("diplomatic", 5), ("civil_society", 5), ("academia", 4), ("workers", 2),
    ("employers", 1), ("international", 2), ("other", 1),
)  # fmt: skip

ORGANISATIONS = {
    "public": ("Ministerio de Trabajo", "Superintendencia de Migraciones", "Defensoría del Pueblo",
               "Gobierno Regional", "Municipalidad Provincial"),
    "diplomatic": ("Ministerio de Relaciones Exteriores", "Consulado General",
                   "Academia Diplomática"),
    "civil_society": ("Asociación de Familiares de Migrantes", "Centro de Atención al Migrante",
                      "Red de Mujeres Migrantes", "Pastoral de Movilidad Humana"),
    "academia": ("Universidad Nacional", "Instituto de Estudios Sociales",
                 "Observatorio de Migraciones"),
    "workers": ("Central Unitaria de Trabajadores", "Sindicato de Trabajadoras del Hogar"),
    "employers": ("Cámara de Comercio", "Asociación de Exportadores"),
    "international": ("Organización Internacional para las Migraciones",
                      "Agencia de cooperación internacional"),
    "other": ("Consultoría independiente",),
}  # fmt: skip

# Each position as (masculine, feminine), as Spanish job titles agree with the person.
POSITIONS = {
    "public": (("Especialista en migración laboral",) * 2, ("Analista de políticas",) * 2,
               ("Inspector de trabajo", "Inspectora de trabajo"), ("Jefe de área", "Jefa de área")),
    "diplomatic": (("Tercer secretario", "Tercera secretaria"),
                   ("Segundo secretario", "Segunda secretaria"),
                   ("Cónsul adscrito", "Cónsul adscrita")),
    "civil_society": (("Coordinador de proyectos", "Coordinadora de proyectos"),
                      ("Promotor de derechos", "Promotora de derechos"), ("Abogado", "Abogada")),
    "academia": (("Docente investigador", "Docente investigadora"),
                 ("Asistente de investigación",) * 2, ("Profesor", "Profesora")),
    "workers": (("Secretario de migraciones", "Secretaria de migraciones"),
                ("Dirigente sindical", "Dirigenta sindical")),
    "employers": (("Gerente de recursos humanos",) * 2, ("Asesor legal", "Asesora legal")),
    "international": (("Asistente de programas",) * 2, ("Oficial de proyectos",) * 2),
    "other": (("Consultor", "Consultora"),
              ("Investigador independiente", "Investigadora independiente")),
}  # fmt: skip

MOTIVATIONS = (
    "Quiero comprender mejor los factores que explican la emigración en mi región.",
    "Necesito herramientas para diseñar servicios de atención a personas migrantes.",
    "Atiendo a familias de migrantes y quiero fortalecer mi trabajo con un enfoque de derechos.",
    "Mi institución prepara un plan de migración laboral y quiero aportar con rigor.",
    "Investigo las remesas y su impacto en los hogares rurales.",
    "Trabajo con migrantes retornados y busco conocer experiencias de reintegración.",
)
