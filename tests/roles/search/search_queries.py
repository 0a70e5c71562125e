"""The committed search quality set: (query, the slug that must rank first) over the shipped fixture.

Typos, prefixes, questions and single facts; test_search_quality.py computes the mean reciprocal
rank of the expected role on whichever database the suite runs on.
"""

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CUSTOMER = "customer-support-specialist"

QUERIES: list[tuple[str, str]] = [
    # Titles, exactly and with typos
    ("technical support specialist", TSS),
    ("senior technical support specialist", SENIOR),
    ("customer support specialist", CUSTOMER),
    ("techincal suport", TSS),
    ("custmer", CUSTOMER),
    ("custmer suport", CUSTOMER),
    ("senoir technical suport", SENIOR),
    ("Technical Support Specialists", TSS),
    ("senior", SENIOR),
    # Prefixes
    ("certif", TSS),
    ("custom", CUSTOMER),
    # Questions
    ("how much does a senior support specialist earn", SENIOR),
    ("what certifications does a customer support specialist need", CUSTOMER),
    ("how to become a technical support specialist", TSS),
    ("do customer support specialists need coding skills", CUSTOMER),
    ("is customer support different from technical support", CUSTOMER),
    ("what certifications are expected at the senior level", SENIOR),
    ("how is AI changing senior support", SENIOR),
    ("how much mentoring is expected", SENIOR),
    ("what metrics are customer support specialists measured on", CUSTOMER),
    # Skills, tools, certifications, sections
    ("zendesk freshdesk intercom", CUSTOMER),
    ("itil 4 managing professional", SENIOR),
    ("servicenow certified system administrator", SENIOR),
    ("powershell python scripting", SENIOR),
    ("root cause analysis", SENIOR),
    ("teamviewer anydesk", TSS),
    ("printer setup", TSS),
    ("comptia a+ network+", TSS),
    ("visa sponsorship", TSS),
    ("pros and cons", TSS),
    ("diversity and inclusion", TSS),
    ("global salaries by country", TSS),
    ("career path technical support manager director", TSS),
    ("salary technical support specialist", TSS),
    ("azure administrator az-104", SENIOR),
    ("cover letter customer support", CUSTOMER),
    ("certifcations senior level", SENIOR),
]
