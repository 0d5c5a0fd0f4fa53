"""Vocabularies for synthetic data: names, titles, industries, interests, products.

Plain constants, no randomness: :mod:`kamgraph.synth.generator` and
:mod:`kamgraph.synth.orgs` draw from them with a seeded ``random.Random``.
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES: tuple[str, ...] = _words(
    """
    Aaliyah Aarav Abigail Adrian Ahmed Aiko Alejandro Alexander Alice Amara Amelia Ana Andrea
    Andrew Anika Anna Antoine Arjun Astrid Ava Beatriz Benjamin Bianca Boris Camila Carlos
    Caroline Charlotte Chen Chiara Chloe Christopher Clara Daniel Daria David Diego Dmitri Elena
    Elif Elijah Elizabeth Emeka Emily Emma Erik Ethan Eva Fatima Felix Fernanda Finn Francesca
    Gabriel Grace Hana Hannah Haruto Hassan Helena Henrik Hiroshi Ibrahim Ines Ingrid Isabella
    Ivan Jack Jakob James Jasmine Javier Jia Joao Jonas Jose Julia Kai Karim Katarzyna Kenji Kofi
    Laila Lars Laura Leila Leon Liam Lina Lucas Lucia Luis Maja Malik Marco Maria Mariam Mateo
    Matteo Maya Mei Mia Michael Miguel Mohammed Nadia Naomi Nathan Nia Nikolai Noah Nora Olivia
    Omar Oscar Pablo Patrick Paula Pedro Pierre Priya Rafael Rahul Rania Ravi Rebecca Ricardo
    Rosa Ruth Ryan Sakura Samuel Sara Sebastian Sergei Sofia Sophie Stefan Sunita Tariq Thomas
    Tomas Valentina Victor Wei William Xavier Yara Yasmin Yusuf Zara Zoe
    """
)

LAST_NAMES: tuple[str, ...] = _words(
    """
    Abe Adeyemi Ahmed Ali Alvarez Andersen Anderson Bakker Banerjee Becker Bernard Bianchi Brown
    Campbell Carter Castillo Chen Cohen Costa Cruz Dubois Eriksson Evans Fernandez Fischer
    Fitzgerald Garcia Gomez Gonzalez Gupta Hansen Harris Hernandez Hoffmann Huang Hughes Ibrahim
    Ito Jansen Jensen Johansson Johnson Jones Kaur Keller Khan Kim Kowalski Kumar Larsen Laurent
    Lee Lehmann Li Lindqvist Lopez Martin Martinez Meyer Mendes Moreau Morales Moreno Muller
    Murphy Nakamura Nguyen Nielsen Novak Nowak Obi Okafor Oliveira Olsen Ortiz Park Patel Perez
    Petrov Popescu Ramirez Reyes Richter Rivera Roberts Rodriguez Romano Rossi Sanchez Santos
    Sato Schmidt Schneider Schulz Shah Silva Singh Smith Sorensen Suzuki Tanaka Taylor Thomas
    Torres Vargas Visser Wagner Walker Wang Weber Williams Wilson Wong Wright Yamamoto Yilmaz
    Zhang Zhou Zimmermann
    """
)


@dataclass(frozen=True, slots=True)
class Industry:
    """An industry (who trades with whom: :data:`kamgraph.synth.economy.SUPPLY_TABLE`)."""

    name: str
    words: tuple[str, ...]  # words that make a company name sound like it


INDUSTRIES: tuple[Industry, ...] = (
    Industry("Retail", ("Retail", "Stores", "Markets", "Outfitters")),
    Industry("Financial Services", ("Bank", "Capital", "Financial", "Insurance")),
    Industry("Healthcare", ("Health", "Care", "Medical", "Clinics")),
    Industry("Telecommunications", ("Telecom", "Networks", "Mobile", "Communications")),
    Industry("Automotive", ("Motors", "Automotive", "Mobility", "Drivetrain")),
    Industry("Consumer Goods", ("Brands", "Foods", "Home", "Goods")),
    Industry("Pharmaceuticals", ("Pharma", "Therapeutics", "Biosciences", "Labs")),
    Industry("Electronics", ("Electronics", "Semiconductors", "Devices", "Circuits")
    ),
    Industry("Chemicals", ("Chemicals", "Polymers", "Materials", "Coatings")),
    Industry("Logistics", ("Logistics", "Freight", "Shipping", "Transport")),
    Industry("Industrial Machinery", ("Machines", "Industrial", "Engineering", "Robotics")),
    Industry("Metals & Mining", ("Metals", "Mining", "Steel", "Minerals")),
    Industry("Energy", ("Energy", "Power", "Utilities", "Renewables")),
    Industry("Agriculture", ("Agri", "Farms", "Harvest", "Grain")),
)

SOFTWARE = Industry("Software", ("Software", "Data", "Analytics", "Systems"))

NAME_WORDS: tuple[str, ...] = _words(
    """
    Acme Alder Alpine Apex Arbor Atlas Aurora Axis Beacon Birch Blue Bright Cascade Cedar Cobalt
    Coral Crescent Crown Delta Ember Everest Falcon Fjord Forge Frontier Global Granite Harbor
    Horizon Iris Ivory Juniper Keystone Lakeside Legacy Liberty Lumen Maple Meridian Monarch
    Nimbus Nordic Northstar Oak Onyx Orbit Pacific Peak Pinnacle Pioneer Prairie Quantum Redwood
    Ridge River Sable Sierra Silver Solstice Spruce Summit Sterling Sun Terra Titan Trident
    Union Unity Vanguard Vertex Vista Westbridge Willow Zenith
    """
)

COMPANY_SUFFIXES: tuple[str, ...] = (
    "Inc.",
    "Group",
    "Corp.",
    "AG",
    "GmbH",
    "Ltd",
    "S.A.",
    "Holdings",
    "Co.",
    "plc",
)

COUNTRIES: tuple[tuple[str, float], ...] = (
    ("United States", 0.30),
    ("Germany", 0.12),
    ("United Kingdom", 0.10),
    ("France", 0.08),
    ("Netherlands", 0.05),
    ("Japan", 0.06),
    ("Canada", 0.05),
    ("Brazil", 0.04),
    ("India", 0.05),
    ("Sweden", 0.03),
    ("Spain", 0.04),
    ("Italy", 0.04),
    ("Singapore", 0.02),
    ("Australia", 0.02),
)

CITIES: dict[str, tuple[str, ...]] = {
    "United States": ("New York", "Chicago", "San Francisco", "Austin", "Boston", "Seattle", "Atlanta"),
    "Germany": ("Berlin", "Munich", "Hamburg", "Frankfurt", "Stuttgart"),
    "United Kingdom": ("London", "Manchester", "Edinburgh", "Bristol"),
    "France": ("Paris", "Lyon", "Toulouse", "Lille"),
    "Netherlands": ("Amsterdam", "Rotterdam", "Eindhoven"),
    "Japan": ("Tokyo", "Osaka", "Nagoya"),
    "Canada": ("Toronto", "Montreal", "Vancouver"),
    "Brazil": ("Sao Paulo", "Rio de Janeiro", "Curitiba"),
    "India": ("Bengaluru", "Mumbai", "Pune", "Hyderabad"),
    "Sweden": ("Stockholm", "Gothenburg", "Malmo"),
    "Spain": ("Madrid", "Barcelona", "Valencia"),
    "Italy": ("Milan", "Turin", "Rome"),
    "Singapore": ("Singapore",),
    "Australia": ("Sydney", "Melbourne", "Brisbane"),
}


@dataclass(frozen=True, slots=True)
class Department:
    """A department: its C-level head and the titles of each level below."""

    name: str
    chief: str
    vp: tuple[str, ...]
    director: tuple[str, ...]
    manager: tuple[str, ...]
    staff: tuple[str, ...]


CEO_TITLE = "Chief Executive Officer"
EXECUTIVE = "Executive"

DEPARTMENTS: dict[str, Department] = {
    d.name: d
    for d in (
        Department(
            "Finance",
            "Chief Financial Officer",
            ("VP Finance", "VP Financial Planning & Analysis", "VP Procurement"),
            ("Director of Finance", "Director of Procurement", "Financial Controller"),
            ("Finance Manager", "Procurement Manager", "Accounting Manager"),
            ("Financial Analyst", "Accountant", "Buyer", "Procurement Specialist"),
        ),
        Department(
            "Technology",
            "Chief Technology Officer",
            ("VP Engineering", "VP Platform", "VP Architecture"),
            ("Director of Engineering", "Director of Architecture", "Director, Platform Engineering"),
            ("Engineering Manager", "Development Lead", "QA Manager"),
            ("Software Engineer", "Data Engineer", "Solutions Architect", "Site Reliability Engineer"),
        ),
        Department(
            "IT",
            "Chief Information Officer",
            ("VP IT", "VP Enterprise Applications", "VP Infrastructure"),
            ("Director of IT", "Director, Enterprise Applications", "Director of IT Security"),
            ("IT Manager", "Applications Manager", "Service Delivery Manager"),
            ("Systems Administrator", "Business Analyst", "Security Analyst", "ERP Specialist"),
        ),
        Department(
            "Operations",
            "Chief Operating Officer",
            ("VP Operations", "VP Supply Chain", "VP Manufacturing"),
            ("Director of Operations", "Director, Supply Chain", "Plant Director"),
            ("Operations Manager", "Logistics Manager", "Production Manager"),
            ("Operations Analyst", "Planner", "Process Engineer", "Logistics Coordinator"),
        ),
        Department(
            "Marketing",
            "Chief Marketing Officer",
            ("VP Marketing", "VP Brand", "VP Digital Marketing"),
            ("Director of Marketing", "Director, Demand Generation", "Director of Communications"),
            ("Marketing Manager", "Product Marketing Manager", "Campaign Manager"),
            ("Marketing Specialist", "Content Strategist", "Marketing Analyst", "Designer"),
        ),
        Department(
            "Sales",
            "Chief Revenue Officer",
            ("VP Sales", "VP Key Accounts", "VP Partnerships"),
            ("Director of Sales", "Director, Key Accounts", "Regional Sales Director"),
            ("Sales Manager", "Key Account Manager", "Partner Manager"),
            ("Account Executive", "Sales Representative", "Sales Engineer", "Inside Sales Rep"),
        ),
        Department(
            "Key Accounts",
            "Chief Revenue Officer",
            ("VP Key Accounts", "VP Strategic Accounts"),
            ("Director, Key Accounts", "Director, Strategic Accounts"),
            ("Key Account Manager", "Strategic Account Manager"),
            ("Key Account Manager", "Account Executive", "Senior Account Executive"),
        ),
        Department(
            "Solutions",
            "Chief Technology Officer",
            ("VP Solutions Engineering",),
            ("Director, Solutions",),
            ("Solutions Engineering Manager",),
            ("Solutions Engineer", "Solutions Architect", "Data Scientist", "Industry Specialist"),
        ),
        Department(
            "People",
            "Chief People Officer",
            ("VP People", "VP Talent"),
            ("Director of HR", "Director, Talent Acquisition"),
            ("HR Manager", "Recruiting Manager"),
            ("HR Business Partner", "Recruiter", "People Analyst"),
        ),
        Department(
            "Data",
            "Chief Data Officer",
            ("VP Data", "VP Analytics"),
            ("Director of Analytics", "Director, Data Governance", "Head of Data Science"),
            ("Analytics Manager", "Data Science Manager", "BI Manager"),
            ("Data Analyst", "Data Scientist", "BI Developer", "Data Steward"),
        ),
        Department(
            "Product",
            "Chief Product Officer",
            ("VP Product", "VP Product Management"),
            ("Director of Product", "Director, Product Design"),
            ("Product Manager", "Design Manager"),
            ("Product Owner", "UX Designer", "Product Analyst"),
        ),
        Department(
            "Customer Success",
            "Chief Customer Officer",
            ("VP Customer Success", "VP Support"),
            ("Director of Customer Success", "Director of Support"),
            ("Customer Success Manager", "Support Manager"),
            ("Support Engineer", "Customer Success Associate", "Implementation Consultant"),
        ),
        Department(
            "Legal",
            "Chief Legal Officer",
            ("VP Legal", "VP Compliance"),
            ("Director, Legal Affairs", "Director of Compliance"),
            ("Legal Manager", "Compliance Manager"),
            ("Legal Counsel", "Compliance Analyst", "Paralegal"),
        ),
    )
}

#: The departments a buyer of analytics is most likely to have, in preference order.
CUSTOMER_DEPARTMENTS: tuple[str, ...] = (
    "Finance",
    "IT",
    "Operations",
    "Technology",
    "Data",
    "Sales",
    "Marketing",
    "People",
    "Legal",
    "Product",
)
#: Ours: a vendor of analytics software.
HOME_DEPARTMENTS: tuple[str, ...] = (
    "Key Accounts",
    "Solutions",
    "Customer Success",
    "Product",
    "Marketing",
    "Finance",
)

#: (name, category) — popular first; the generator draws them Zipf-distributed by rank.
INTERESTS: tuple[tuple[str, str], ...] = (
    ("Golf", "SPORT"),
    ("Artificial intelligence", "PROFESSIONAL"),
    ("Running", "SPORT"),
    ("Wine", "HOBBY"),
    ("Travel", "HOBBY"),
    ("Cycling", "SPORT"),
    ("Sustainability", "CAUSE"),
    ("Tennis", "SPORT"),
    ("Cooking", "HOBBY"),
    ("Data governance", "PROFESSIONAL"),
    ("Photography", "HOBBY"),
    ("Football", "SPORT"),
    ("Leadership", "PROFESSIONAL"),
    ("Hiking", "SPORT"),
    ("Jazz", "HOBBY"),
    ("Sailing", "SPORT"),
    ("Cloud architecture", "PROFESSIONAL"),
    ("Mentoring", "CAUSE"),
    ("Skiing", "SPORT"),
    ("Reading", "HOBBY"),
    ("Supply chain resilience", "PROFESSIONAL"),
    ("Formula 1", "SPORT"),
    ("Chess", "HOBBY"),
    ("Climate action", "CAUSE"),
    ("Cybersecurity", "PROFESSIONAL"),
    ("Yoga", "SPORT"),
    ("Gardening", "HOBBY"),
    ("Education", "CAUSE"),
    ("Digital transformation", "PROFESSIONAL"),
    ("Basketball", "SPORT"),
    ("Classical music", "HOBBY"),
    ("Triathlon", "SPORT"),
    ("Lean manufacturing", "PROFESSIONAL"),
    ("Board games", "HOBBY"),
    ("Diversity in tech", "CAUSE"),
    ("Swimming", "SPORT"),
    ("FinOps", "PROFESSIONAL"),
    ("Film", "HOBBY"),
    ("Rugby", "SPORT"),
    ("Ocean conservation", "CAUSE"),
    ("Pricing strategy", "PROFESSIONAL"),
    ("Fly fishing", "HOBBY"),
    ("Climbing", "SPORT"),
    ("Public health", "CAUSE"),
    ("Startup investing", "OTHER"),
    ("Woodworking", "HOBBY"),
    ("Cricket", "SPORT"),
    ("Animal welfare", "CAUSE"),
    ("Languages", "OTHER"),
    ("Vintage cars", "HOBBY"),
    ("Astronomy", "OTHER"),
    ("Podcasts", "OTHER"),
    ("Marathons", "SPORT"),
    ("Esports", "OTHER"),
    ("Beekeeping", "HOBBY"),
)

#: Product categories (ours and our competitors').
PRODUCT_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("Business Intelligence", "Insight"),
    ("Data Platform", "Lakehouse"),
    ("Data Integration", "Pipelines"),
    ("Data Governance", "Catalog"),
    ("Machine Learning", "Forecast"),
    ("Observability", "Observe"),
    ("IoT Analytics", "Edge"),
    ("Planning", "Planner"),
)

COMPETITOR_PRODUCT_WORDS: tuple[str, ...] = ("Studio", "Cloud", "Suite", "One", "Hub", "360", "Engine", "Pro")

LOSS_REASONS: tuple[str, ...] = (
    "Price",
    "Lost to incumbent",
    "No decision",
    "Missing feature",
    "Budget cut",
    "Timing",
    "Chose a competitor's bundle",
    "Security review failed",
)

OPPORTUNITY_KINDS: tuple[str, ...] = ("rollout", "expansion", "renewal", "pilot", "migration", "upgrade")

KNOWS_SOURCES: tuple[str, ...] = ("CRM", "LinkedIn", "Event", "Referral", "Email", "Former colleague")

TAGS: tuple[str, ...] = (
    "enterprise",
    "public",
    "family-owned",
    "emea",
    "americas",
    "apac",
    "cloud-first",
    "regulated",
)
