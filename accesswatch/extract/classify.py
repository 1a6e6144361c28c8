"""Classification of units by the taxonomy: scope, categories, strength, access depth, actors,
timing and conditions, with the cues that decided each (rules and lexicons, deterministic).

How a unit is decided (every step leaves a cue such as ``cat:external-red-teaming="red teamers"``):

1. **Scope.** A unit is in scope when a category lexicon matches it: each category has patterns
   naming an outside party doing something to the company's models, evaluations or policy
   (``external experts … evaluate``, ``METR``, ``bug bounty``, ``notify … government``,
   ``third-party audit``, ``API credits for researchers``, ``publish … model card``,
   ``release … weights``). Units that only name internal actors, or that mention an outside party
   in a way outside the taxonomy (customers, users, acknowledgements of infrastructure) do not
   match. Very short fragments and references lists are skipped.
2. **Categories** are every category whose lexicon matched.
3. **Strength** (taxonomy rules): a hedge attached to the outside party (``where appropriate``,
   ``if we deem``…) makes it ``discretionary``; otherwise the first modal cue in the unit decides
   (``will/must/commit`` → commitment, ``aim/intend/plan/expect/seek`` → intention,
   ``may/might/could/consider/explore`` → discretionary); else past tense or a report of what
   was done → practice; else present tense → commitment in a policy or framework and practice in
   a system/model card or report (the document kind, given or inferred from the text).
4. **Access depth** only when the unit says what an outside party receives (``access``,
   ``provide``, ``snapshots``…): the deepest level named (weights A5 > internals A4 > fine-tuning
   A3 > safeguards removed A2 > pre-release checkpoints A1 > public API A0).
5. **Actors, timing, conditions** from lexicons of named evaluators, kinds of party, timing and
   condition phrases.

Scope rules for policy posts, letters and announcements (0.6): what governments, the law or AI
developers in general *should* do is out of scope unless the company itself acts
(`is_sector_advocacy`); an AI institute merely named (letterhead, thanks, praise) is no government
access; the text describing itself ("In this post, we discuss …") is no statement; evaluation
output documented in the company's model cards, policies made available to the public and public
notice are publication; authorities made aware of or informed about the models is government access.

Strength and scope rules of 0.7: a binding verb before a hedge that ends a lead-in ("…, as
appropriate:"), measures a quantity ("as much detail as possible") or follows a legal floor ("as
required by regulation and as appropriate") keeps its force; "will aim/seek/strive" is intention;
"the RSP/framework/law requires" is commitment; "we deem appropriate"/"as deemed appropriate" are
hedges, "as required by law" is not; a changelog entry ("Added…", "Defined…") is practice; an
imperative "Consider…/Explore…" is discretionary; a stated view ("We believe…", "We see this as…")
is intention; a modal in a relative clause ("that could…") or a leading condition ("If we might
…, then we will…") does not govern; "required to" after a noun is no requirement; a present
progressive main clause ("we are not providing…") is practice. Governments as customers
("applications for government agencies") or regulators ("government-imposed standards") are no
government access; publishing policy proposals is no publication; disclosure on a public website and
redactions from card-type documentation are publication; "See https://…" footnotes are references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Classification", "classify_unit", "infer_kind", "red_teaming_is_external", "internal_report_contents", "is_sector_advocacy"]


@dataclass(frozen=True)
class Classification:
    """The taxonomy fields of one in-scope unit (see `classify_unit`)."""

    categories: tuple[str, ...]
    strength: str
    access_depth: str | None
    actors: tuple[str, ...]
    timing: str | None
    conditions: tuple[str, ...]
    cues: tuple[str, ...]


_RX_PARTS: dict[str, tuple[str, ...]] = {}


def _rx(*parts: str) -> re.Pattern[str]:
    # Each alternative starts at a word boundary: the engine then skips mid-word positions fast.
    pattern = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in parts) + ")", re.I)
    _RX_PARTS[pattern.pattern] = parts
    return pattern


# ---- outside parties -------------------------------------------------------------------------

_NAMED = (
    r"(?-i:\bMETR\b(?! (?:standard|task suite|format))(?!'s public))|\bARC Evals\b|Apollo Research|(?-i:\bAISI\b|\bCAISI\b)|AI (?:Safety|Security) Institutes?"
    r"|Center for AI Standards|EU AI Office\b|\bAI Office\b|Gryphon Scientific"
    r"|Irregular\b|Pattern Labs|SecureBio|Deloitte|Faculty AI"
    r"|Haize Labs|Virtue AI|(?<!-)(?-i:Scale AI)|Signature Science|Nemesys|Lakera|Gray Swan|Andon Labs"
    r"|Epoch AI|\bEleos\b|FAR\.?AI|Faculty\.ai|Redwood Research|Transluce|Goodfire|Palisade|Apart Research"
    r"|(?<!/)\bNNSA\b(?!\))|National Nuclear Security Administration|Alignment Research Center(?! Canary)|\bwith (?-i:ARC)\b"
)
_EXTERNAL_PARTY = (
    r"third[- ]part(?:y|ies)(?! (?:data|software|libraries|vendors?|services?|providers?|cloud|hosting|tools?|platforms?|environment|apps?|applications?|integrations?))"
    r"|external(?:ly)? (?:\w++ ){0,2}(?:actors?|experts?|evaluat\w*|assess\w*|test\w*|review\w*|red[- ]?team\w*|partners?|researchers?|parties|party|organi[sz]ations?|groups?|auditors?|validation|input|feedback|consultations?|stakeholders|scrutiny|accountability|bodies|body)"
    r"|independent (?:\w++ ){0,2}(?:experts?|evaluat\w*|assess\w*|test\w*|review\w*|auditors?|audits?|validation|analysis|parties|party|organi[sz]ations?|labs?|researchers?|opinions?)"
    r"|outside (?:experts?|evaluators?|researchers?|parties|organi[sz]ations?|groups?)"
    r"|(?:domain|subject[- ]matter|expert) (?:experts?|testers?|red[- ]?teamers?)|\bexperts? (?:red[- ]?team\w*|testers?)"
    r"|partner organi[sz]ations?|research (?:partners?|collaborators?)|collaborat\w+ (?:partners?|with external)"
    r"|expert (?:input|feedback|consultations?|opinions?)|external experts?"
    r"|academic(?:s| researchers?| institutions?| partners?)|(?:safety|alignment|external|academic|independent|outside) researchers"
    r"|civil society|non-?profits?|peer companies|industry (?:bodies|peers)|auditors?"
)
_GOV = (
    r"governments?\b|\bU\.?S\.? Government|policymakers|policy ?makers|regulators?|law enforcement"
    r"|national security (?:stakeholders|agencies|community|partners)|\bAISI\b|\bCAISI\b|AI (?:Safety|Security) Institutes?"
    r"|Center for AI Standards|EU AI Office\b|\bAI Office\b|public sector|(?:federal|state) agencies|officials\b|White House"
    r"|Department of (?:Energy|Defense|Commerce)|\bNNSA\b|national labs?|classified"
)

_CATEGORY_PATTERNS: dict[str, re.Pattern[str]] = {
    "external-evaluation": _rx(
        rf"(?:{_NAMED})(?! (?:license|policy))",
        r"(?:third[- ]part(?:y|ies)|external|independent|outside)(?:[- ]\w+){0,2}[- ](?:evaluat\w*|assess\w*|test\w*|experts?(?! (?:input|feedback|opinions?|advice|review))|validation|labs?|evaluators?|participants)",
        r"(?:testing|evaluations?|assessments?) (?:\w++ ){0,2}by (?:the )?(?:\w++ )?(?:AISIs|(?-i:C?AISI)|AI (?:Safety|Security) Institutes?|institutes)\b",
        r"research (?:collaborators|partners)|collaboration partners|(?:domain|subject[- ]matter) experts",
        r"(?:pre[- ]deployment|pre[- ]release) (?:testing|evaluations?) (?:\w++ ){0,3}(?:by|with|from) (?:\w++ ){0,3}(?:third|external|independent|outside|experts?|partners?|government)|(?:pre[- ]deployment|pre[- ]release) access|(?:pre[- ]deployment|pre[- ]release) (?:testing|evaluation) (?:partner\w*|collaborat\w*|agreements?|programs?)",
        r"(?:experts?|evaluators?|partners?|researchers?|institutes?|collaborators?|organi[sz]ations?|third[- ]parties|parties) (?:\w++ ){0,6}(?:evaluat\w+|assess\w*|test(?:ed|s|ing)?|measur\w+|validat\w+|consult\w*|stress[- ]test\w*)\b",
        r"(?:evaluat\w+|assess\w+|test\w*|consult\w*|engag\w+|work\w*|collaborat\w+) (?:\w++ ){0,5}(?:with|by|from|involv\w*|includ\w*|using) (?:[\w-]++ ){0,4}(?:external|independent|third[- ]part|outside|domain|subject[- ]matter|government|academic|expert)",
        r"(?:fund|source|commission|support)\w* (?:\w++ ){0,4}evaluations? (?:\w++ ){0,4}(?:third[- ]part|external|organi[sz]ations?)",
        r"in (?:consultation|collaboration|partnership) with (?:\w++ ){0,3}(?:external|outside|independent|experts?|government|academic)",
        r"with (?:the )?(?:involvement|help|input) of (?:\w++ ){0,4}(?:experts?|third[- ]part)",
        r"(?:involv|engag)\w* (?:\w++ ){0,3}(?:external|outside|independent|third[- ]party) (?:\w++ )?(?:experts?|parties|party|actors?|organi[sz]ations?|bodies|evaluators?)",
        r"(?:work|collaborat|partner|engag)\w* (?:\w++ ){0,4}with (?:\S++ ){0,10}(?:testing firms|evaluation firms|auditing firms|non-governmental organi[sz]ations|\bNGOs\b|academic (?:researchers|partners|institutions)|universities)",
        r"(?:including|with|and) (?:\w++ ){0,2}(?:external|outside|independent) experts?",
        r"expert testers|external testers|(?:evaluations?|benchmarks?) (?:developed|created|designed) by",
        r"red teaming organi[sz]ations",
        r"third[- ]party \([\w-]+\) (?:evaluat\w*|assess\w*|test\w*)|(?:run|conducted|performed|carried out|done) by (?:\w++ ){0,2}(?:third[- ]parties|external (?:partners|evaluators|organi[sz]ations))",
    ),
    "external-red-teaming": _rx(
        r"red[- ]?teamers?\b(?! (?:at|within) (?:OpenAI|Anthropic|Google|Meta))",
        r"(?:external|expert|outside|independent|third[- ]party|domain[- ]expert)[- ](?:\w+[- ]){0,2}red[- ]?team\w*",
        r"red[- ]?team\w*,? (?:\w++,? ){0,6}(?:with|by|involv\w*|includ\w*|using|through|via|from) (?:\w++ ){0,3}(?:external|experts?|outside|third|independent)",
        r"bug bount\w+|jailbreak bount\w+|bount(?:y|ies) (?:program|for)|vulnerability (?:reporting|disclosure) (?:program|channel|polic)\w*|responsible disclosure",
        r"red[- ]?teaming (?:process|effort|phase|campaign|organi[sz]ations?|network)",
        r"(?:external|independent|outside|third[- ]party|government) (?:\w++ ){0,3}(?:to )?(?:identify|find|discover|uncover|probe)\w* (?:\w++ ){0,3}(?:vulnerabilit\w+|weaknesses|jailbreaks?|exploits?)",
        r"(?:third[- ]party|external|independent) (?:\w++ ){0,2}stress[- ]test\w*|stress[- ]test\w* (?:\w++ ){0,2}safeguards",
        r"(?:external|third[- ]party|independent|outside) (?:\w++ ){0,2}(?:penetration|adversarial) test\w*",
        r"(?:red[- ]?teaming|jailbreak\w*) (?:research|campaign|exercise|effort|network|program)",
        r"(?:red[- ]?teaming|jailbreak\w*) (?:challenges?|competitions?|contests?|hackathons?|events?)",
        r"(?:experts?|firms|academics|academia|civil society|partners|researchers) (?:\w++ ){0,4}to red[- ]?team\b",
    ),
    "government-access": _rx(
        r"(?:notify|notification|brief|share|shared|sharing|provide|provided|report|reported|disclose|give|gave|grant|granted|offer)\w* (?:\S++ ){0,8}(?:with |to )?(?:(?:a|the|relevant|appropriate) )?(?:\S++ ){0,3}(?:government|policymakers|regulators?|AISI|CAISI|AI (?:Safety|Security) Institutes?|authorities|officials|AI Office|law enforcement|(?:government|federal|state) agencies)\b",
        r"(?:access|available)(?: \w++){0,2} (?:to|for) (?:\S++ ){0,10}(?:governments?|government agencies|policymakers|regulators?|AISI|CAISI|AI (?:Safety|Security) Institutes?|authorities|officials|AI Office)\b",
        r"(?-i:AISI|CAISI)|AI (?:Safety|Security) Institutes?|Center for AI Standards|AI Office\b",
        r"(?:government|national security)(?:[- ]\w+){0,3}(?: (?:\S++ ){0,6})(?:test\w*|evaluat\w*|access to|early access|pre-deployment|red[- ]?team\w*|review\w*)",
        r"(?:work(?:s|ing|ed)?|engage\w*|consult\w*|partner\w*|collaborat\w*|coordinat\w*) (?:\w++ ){0,4}with (?:\w++ ){0,6}(?:government(?:al)?|policymakers|regulators|AISI|CAISI|AI (?:Safety|Security) Institutes?|national security|law enforcement)",
        r"(?:escalat\w+|referr\w+|report\w*) (?:\w++ ){0,4}(?:to|with) law enforcement|law enforcement channels",
        r"in consultation with (?:\w++ ){0,4}government",
        # Government partners in testing; supporting governments' own testing of AI systems.
        r"(?:via|with|through|by|and) (?:\w++ ){0,4}government partners?\b|support\w* governments? (?:\S++ ){0,8}(?:test\w*|evaluat\w*)",
        # Authorities made aware of, or informed about, the company's models and their capabilities.
        r"(?:government|agencies|authorities|regulators|policymakers|officials)(?: \w++){0,2} (?:were|are|is|be|been|was|being|kept) (?:made |fully )?(?:aware|informed)\b|(?:inform|alert|apprise)(?:s|ed|ing)? (?:\S++ ){0,4}(?:governments?|authorities|regulators|agencies|officials|policymakers) (?:about|of|that) (?:\S++ ){0,6}(?:models?|systems?|capabilit\w+|risks?|incidents?|threats?)\b",
        r"(?:raise|report|escalat)\w* (?:\w++ ){0,2}concerns (?:\w++ ){0,3}(?:to|with) (?:\w++ ){0,3}(?:government|regulators?|authorities|agencies)|whistleblow\w+ (?:\S++ ){0,10}(?:government|regulators?|authorities|agencies)",
        r"(?:report|notif|disclos|provid|shar)\w* (?:\S++ ){0,10}as required by (?:\w++ ){0,2}(?:law|laws|regulations?|regulators?|regulatory)|regulatory (?:authorit\w+|bodies|reporting|filings?|notifications?)|(?:relevant|competent|appropriate|national|government|regulatory) authorities",
        r"report\w* (?:\w++ ){0,2}(?:serious|critical|major|significant) incidents|incident reports? (?:\w++ ){0,6}(?:to|with) (?:\w++ ){0,3}(?:authorit|regulat|government|agenc)",
        r"(?:engag|involv|consult|work)\w* (?:\S++ ){0,8}(?:including|such as) (?:\w++ ){0,3}governments?\b",
        r"(?:classified|government) (?:environment|information|settings?|networks?)",
        # Testing done by a government or its institutes.
        r"(?:test\w*|evaluat\w*|assess\w*|red[- ]?team\w*) (?:\w++ ){0,2}by (?:the )?(?:\w++ )?(?:governments?|AISIs|(?-i:C?AISI)|institutes)\b",
        # Reporting to authorities the law requires (incident reporting, regulatory obligations).
        r"(?:external reporting|reporting obligations?|obligations? to report|report\w* (?:\w++ ){0,4}(?:to|with) (?:\w++ ){0,2}authorit\w+) (?:\w++ ){0,6}(?:under|required by|pursuant to) (?:\w++ ){0,2}(?:laws?|regulations?|legislation)\b",
    ),
    "third-party-review": _rx(
        r"(?:third[- ]party|external|independent|outside)[- ](?:\w+[- ]){0,2}(?:reviews?|review(?:ers|ed)|audit\w*|validation|verification|oversight|assurance|accountability|scrutiny|opinions?|analysis|critique)",
        r"(?<!automated )auditors?\b(?! (?:agents?|models?))|audit(?:s|ed|ing)? (?:\w++ ){0,3}by (?:\w++ ){0,3}(?:third|independent|external|qualified)",
        r"(?:feedback|input|comments?|opinions?|critique|advice|guidance|review) (?:\w++ ){0,3}from (?:\w++ ){0,4}(?:external|outside|independent|experts?|third|academic|civil society|researchers|entities|groups|stakeholders|government)",
        r"(?:solicit|seek|sought|welcome|invite|incorporat|consult|receiv|get|gather|obtain|draw)\w* (?:\w++ ){0,5}(?:external|independent|outside|expert|public|stakeholder)(?:[- ]\w+){0,2} (?:input|feedback|review|opinion|comment|advice|consultation|critique|analysis)",
        r"(?:external|outside|independent) (?:expert )?(?:input|feedback|advice|consultations?)\b",
        r"(?:solicit|seek|get|obtain|receive|from|with|and|independent|external) (?:\w++ ){0,2}expert (?:input|feedback|opinions?|review)",
        r"(?:Long[- ]Term Benefit Trust|\bLTBT\b)",
        r"(?-i:SOC ?2)|ISO ?/?(?:IEC )?27001|FedRAMP|compliance review|certif(?:ied|ication) (?:by|from) (?:\w++ ){0,2}(?:third|independent|external)",
        r"(?:validated|reviewed|verified|assessed|checked|reviews?|audits?) (?:\w++ ){0,4}by (?:\w++ ){0,3}(?:third[- ]part|independent|external|outside|auditors?)",
        r"(?:civil society|external|independent|outside|third[- ]part\w*)\S* (?:\S++ ){0,10}(?:provide|give|offer)\w* (?:\w++ ){0,2}(?:input|feedback|critique|advice)\b",
        r"build (?:trust|confidence)|examination of our actions|show externally",
    ),
    "researcher-access": _rx(
        r"researcher access|access program|API credits|(?:free|subsidi[sz]ed) (?:API )?(?:credits|access)",
        r"(?:researchers?|academics?|research community|research (?:teams?|groups?|organi[sz]ations?)|trusted (?:users|actors|partners|testers|parties|third parties|researchers|organi[sz]ations)|external partners|safety researchers)(?: \w++){0,8} (?:access|credits|fine[- ]tun\w+|weights|model versions?)",
        r"(?:access|credits|fine[- ]tuning|grants?) (?:\w++ ){0,6}(?:to|for) (?:\w++ ){0,4}(?:researchers?|academics?|research community|trusted (?:users|actors|partners))",
        r"fine[- ]?tuning access|trusted (?:users|parties|third parties)|(?<!partial )(?<!full )\bcredits?\b(?! cards?)(?! (?:assignment|score|scale))|(?:API|free|research) credits?|expanding access|(?:this|the|our) (?:\w++ ){0,3}program (?:\w++ ){0,4}(?:access|credits)|applicants|participants (?:\w++ ){0,3}(?:exempt|(?:receiv\w*|get|gain\w*|given|granted|have|had) (?:\w++ ){0,2}access)|helpful[- ]only|safeguards? (?:removed|disabled)|(?:version|variant)s? (?:\w++ ){0,4}(?:reduced|fewer|without) safeguards|low[- ]refusal|research[- ]only version",
        r"safe harbou?r|good[- ]faith (?:security |safety )?research|external research (?:and \w++ )?access",
        r"(?:retired|deprecated|older|legacy) models?(?: \w++){0,6} (?:access|available|availability|preserv\w*)|preserv\w* (?:\w++ ){0,4}weights|(?:access|available) (?:\w++ ){0,4}(?:retired|deprecated|older|legacy) models?",
        r"access conditions|tiered access|trust[- ]based access|(?:access|exemptions?) (?:\w++ ){0,3}(?:usage policy|usage policies)|usage polic(?:y|ies)(?: \w++){0,6} (?:exempt\w*|researchers?)|exempt\w* (?:\w++ ){0,4}usage polic",
        r"(?:research|academic) (?:access|partnerships?|grants?)|access to (?:\w++ ){0,3}(?:internals|reasoning traces|chain[- ]of[- ]thought|logits)",
        r"differential access|structured access|(?:access|available)(?: \w++){0,4} (?:to|for) (?:\w++ ){0,4}(?:qualified|trusted|vetted|verified) (?:\w++ )?(?:customers|users|partners|researchers|defenders|organi[sz]ations)|access (?:\w++ ){0,3}(?:to|for) defenders",
    ),
    "publication": _rx(
        r"(?<!first )(?<!originally )(?<!as of )(?<!common )(?<!commonly )(?<!values )(?<!previously )publish\w*+(?! (?:work|research|literature|papers?|benchmarks?|datasets?|protocols|procedures|articles|studies|sources|data|models?(?! cards?))\b)(?!:? (?:on )?(?:January|February|March|April|May|June|July|August|September|October|November|December|\d))|publicly (?:release|share|disclose|post|report|acknowledge)\w*|(?:share|disclose|release)\w* (?:\w++ ){0,3}publicly\b|public(?:ly)? disclosures?|disclosures? (?:about|of) (?:\w++ ){0,2}(?:results|evaluations?|risks?|capabilit\w+|safeguards|models?)|(?<!pre-)(?<!pre )release (?:\w++ ){0,4}(?:information|results|reports?|summar\w+|details|findings|materials|system cards?|model cards?)",
        # 0.7: disclosure on a public website; redactions from card-type documentation.
        r"(?:disclos|post|publish|mak|certif)\w* (?:\S++ ){0,20}on (?:a|an|its|their|our|the) (?:\S++ )?(?:public-facing|publicly[- ]accessible|public) (?:website|web ?page|site)\b|redact\w* (?:\S++ ){0,10}(?:system|model) card",
        r"(?:publish|publication|release|share|sharing|provide|produce|post|accompan|issue|include)\w* (?:\S++ ){0,8}(?:system|model|service) cards?|(?:system|model|service) cards? (?:\w++ ){0,4}(?:published|released|at launch|for (?:significant|all|each|every|new|major))",
        r"(?:we|will) (?:\w++ ){0,4}(?:include|provid|releas|shar|publish|disclos)\w* (?:\w++ ){0,3}(?:information|details|results|descriptions?|summar\w+) (?:about|on|of|related to|regarding)|share information|(?:in a|our|their) forthcoming|forthcoming (?:paper|report|publication)",
        r"(?:share|sharing|shared|disclose|disclosing|report|reporting|communicat\w+|provide|providing)(?: \w++){0,6} (?:with|to) the public(?! (?:system|API|version|model|endpoint)s?\b)|with (?:\w++ (?:and )?){0,2}(?:the )?(?:wider|broader) (?:public|community|research community|ecosystem)",
        r"transparency (?:reports?|hub)|(?:record|keep|maintain|publish)\w* (?:\w++ ){0,8}change ?logs?|public version|(?:provid|publish|post|shar|releas)\w* (?:\w++ ){0,2}updates|posted (?:to|on)|rsp-updates|(?:summar\w+|redacted) (?:\w++ ){0,6}(?:reports?|findings|results|disclosures?)",
        r"(?:results|findings|reports?) (?:\w++ ){0,4}(?:will be|are|were|is) (?:\w++ ){0,2}(?:shared|published|released|made (?:public|available))",
        r"(?:open[- ]sourc(?:ing|ed|es)|open[- ]source (?=(?:our|the|an?|these|new) )|releas\w+|shar\w+) (?:(?:our|the|an?|these|new|translated) )?(?:\w++ )?(?:evaluations?|benchmarks?|datasets?|evals?)\b(?! (?:results|scores))",
        r"\bwe (?:also )?(?:include|provide|describe|report|present) (?:\w++ ){0,4}(?:third[- ]party|external|evaluation|assessment)",
        r"(?:full|forthcoming|public|their|METR's|Apollo's) (?:\w++ )?(?:report|paper|publication)\b",
        r"public transparency|(?:keep|keeps|keeping) the public informed",
        # Evaluation output documented in the company's model cards; cards named among its practices.
        r"(?:stor|document|record|captur|summari[sz]|detail)\w* (?:\w++ ){0,6}in (?:our|its|their|the) (?:\w++ )?(?:system|model|service) cards?(?![a-z])(?! ?\(§)|(?:e\.g\.,?|such as|including) \(?(?:[\w-]++,? ){0,4}(?:system|model|service) cards\b",
        # A framework, policy or report made available to the public; public notice; transparency practices.
        r"(?:framework|policy|policies|report|reports|card|cards|results|findings|summary|documentation)(?: \(\w++\))? (?:is|are|will be|has been|have been) (?:now )?(?:publicly available|available to the public|made public)\b|public (?:notice|notification|announcement)s?\b|transparency practices\b",
        # "… will be shared publicly", "updates will be made public", "model cards may be updated".
        r"publicly available (?:summary|version|report|documentation|account)|(?:shared|released|disclosed|published|reported|posted|made available|communicated|detailed|described|explained) (?:\w++ ){0,2}publicly|made public\b|(?:system|model|service) cards? (?:\w++ ){0,3}(?:updated|revised)",
        # Information about the model or its evaluations given to outside parties.
        r"(?:information|results|details|findings|documentation)(?: \S++){0,12} (?:is|are|will be|were|was|be) (?:\w++ ){0,2}(?:shared|provided|disclosed|communicated) (?:\w++ ){0,2}(?:with|to) (?!(?:\w++ ){0,3}(?:employees|staff|board|leadership|management|internal|executive|officers?|teams?)\b)",
        r"(?:share|sharing|disclos\w*|provid\w*|communicat\w*) (?:\w++ ){0,3}information (?:\w++ ){0,3}(?:to|with) (?:\w++ ){0,3}(?:external|outside|other organi[sz]ations|industry|stakeholders|partners|downstream)",
        # Documentation published about the model's capabilities, limitations and evaluations.
        r"(?<!internal )documentation (?:\w++ ){0,4}(?:capabilities|limitations|evaluation\w*|risks)",
        r"(?:shar|releas|publish|open[- ]sourc|post)\w* (?:\S++ ){0,14}(?:on|via|to|through) (?:Hugging ?Face|GitHub)\b",
        # Pointers to a published report: "More details can be found in the … Report."
        r"(?:details|information|results|descriptions?) (?:\w++ ){0,4}(?:can be found|are available|is available|are provided|are described) (?:\w++ ){0,2}(?:in|at) (?:\S++ ){0,8}(?:report|card|paper|publication)s?\b",
        # Reports the company publishes by name, and what goes into them.
        r"(?:preparedness|progress) reports?\b|(?:in|into|within) (?:our|the|its|a) (?:\w++ ){0,2}(?:transparency|safety) reports?\b",
        # Disclosure verbs with the company as subject; "demonstrate externally"; "make … public".
        r"\bwe (?:\w++ ){0,2}disclos\w+\b(?! (?:\w++ ){0,3}(?:personal|user|customer|account)\b)|demonstrat\w+ externally|externally demonstrat\w+",
        r"mak\w+ (?:\w++ ){0,6}(?:public(?:ly available)?|available to the public)\b(?! (?:sector|health|safety|interest|policy|spaces?))",
        r"through (?:\w++ ){0,2}publications|publications such as|\b(?:will|may|would) (?:also )?report (?:on|publicly)\b",
    ),
    "open-weights": _rx(
        r"open[- ]weights?|weights (?:\w++ ){0,3}(?:release|publicly|openly|available)|releas\w+ (?:\S++ ){0,4}weights|shar\w+ (?:\w++ ){0,2}(?:model )?weights",
        r"(?:choose to|decide to|will|may|might|plan to|intend to|not) open[- ]source\b|open[- ]sourc\w+ (?:(?:our|the|its|these|advanced|frontier) )(?:\w++ ){0,2}(?:models?|AI|LLMs?)|open[- ]sourcing (?:advanced |frontier )?(?:models?|AI)|openly releas\w+|open release|open approach|open models?",
        r"(?:do not|not|will not|won't) release|releas\w+ (?:\w++ ){0,3}(?:externally|publicly|openly)|(?:full|limited|staged|closed) release|(?:develop and|how to) release (?:these|the|our|a|frontier) (?:\w++ )?(?:models?|AI)",
        r"(?:weights|models?|checkpoints?) (?:\w++ ){0,3}(?:downloadable|on Hugging ?Face)|downloadable (?:\w++ ){0,2}(?:weights|models?|checkpoints?)",
    ),
}

# ---- strength --------------------------------------------------------------------------------

_HEDGE = re.compile(
    r"\b(?:where|when|as|if) (?:appropriate|relevant|feasible|possible|needed|necessary|warranted|required(?! by)|practicable)\b|^\W*(?:where|when) applicable\b"
    r"|\bif we deem\b|\bwe deem (?:it )?(?:appropriate|necessary|fit)\b|\bas (?:we )?deemed? (?:appropriate|necessary)\b|\bat (?:our|its) discretion\b|\bcase[- ]by[- ]case\b|\breserve the right\b|\bif approved\b|\bsubject to (?:our )?approval\b|\bexamples include\b"
    r"|\bmay (?:opt|choose|decide|also|seek|include)\b|\bcould include\b|\bin some cases\b|\bin special cases\b|\bin rare cases\b",
    re.I,
)
_MODAL = re.compile(
    r"(?P<intent0>\bwill (?:likely|probably)\b|\b(?:will|shall) (?:aim|seek|strive|try|endeavou?r|work towards?|hope)\b|\bwould (?:likely|aim|expect)\b|\b(?:then|that) would (?:lead|mean|require|involve|result)\b)"
    r"|(?P<commit>\bwill\b|\bwon't\b|\bmust\b|\bshall\b|\bcommit(?:s|ted|ment)?\b(?! to building)|\b(?:we|will|shall|must|policy|framework|this|RSP|FSF|SDF|standard|law|bill|regulation) (?:\w++ ){0,2}require[sd]?\b|\brequire[sd]? (?:that|us|all|each|every)\b|(?:(?<=\bis )|(?<=\bare )|(?<=\bbe )|(?<=\bbeen )|(?<=\bwas )|(?<=\bwere )|(?<=\bam )|(?<=\bnot )|(?<=\balso )|(?<=\bwe )|(?<=\bthey ))required to\b|\bis required\b|\bensure\b|\bare required\b|\bdo not\b(?= \w+ (?:\w++ ){0,8}unless)|\bwe’ll\b|\bwe'll\b|\bmandatory\b)"
    r"|(?P<intent>\baim(?:s|ing)? to\b|\bintend(?:s|ing)?\b|\bplan(?:s|ning)? to\b|\bexpect(?:s|ing)?\b|\bstrive\w*\b|\bseek(?:s|ing)? to\b|\bhope\w*\b|\banticipate\w*\b|\bgoal is\b|\bwe want to\b|\b(?:we are|we're|we remain) (?:\w++ )?interested in\b|\bwork(?:ing)? towards?\b|\bprioritiz\w+\b|\bpurpose (?:of|in|is)\b)"
    r"|(?P<disc>\bmay\b(?!,? (?:\d|19\d\d|20\d\d))|\bmight\b|\bcould\b|\b(?:we|our \w+|they) can\b|\bconsider(?:ing)? (?:whether|\w+ing\b)|\bexplor(?:e|es|ing)\b|\bopt to\b|\bcan choose\b|\bif feasible\b|\bwhere feasible\b|\bpotentially\b|\bcan\b(?= (?:request|apply|also|be|involve|include)))",
    re.I,
)
_CURRENT_STATE = re.compile(
    r"\b(?:currently|already|at this time|at present|for now|so far|to date)\b"
    r"|(?<!\bthat )(?<!\bthat, )\bwe(?: are|'re|’re) (?:not )?(?!going\b|committed\b)\w+ing\b",
    re.I,
)
# 0.7: a changelog entry opening on a past participle ("Added commitment to publish…",
# "Defined criteria for publishing…") reports what the revision did.
_CHANGELOG_ENTRY = re.compile(
    r"^\W*(?:Added|Defined|Updated|Clarified|Revised|Removed|Introduced|Expanded|Replaced|Renamed|Moved|Changed|Modified|Simplified|Streamlined|Strengthened|Refined|Consolidated|Specified|Adjusted)\b(?! by\b)"
)
# 0.7: an imperative of discretion heading a list item ("Consider additional deployment scenarios…").
_DISCRETION_IMPERATIVE = re.compile(r"^(?:[\w\s&/()’'-]{2,60}:\s+)?(?:consider|explore)\b", re.I)
# 0.7: a stated view ("We believe that there are benefits of allowing…", "We see this as a key
# benefit of sharing…") is an intention, not a standing procedure.
_STATED_VIEW = re.compile(r"^\W*(?:we|[A-Z]\w+) (?:also |firmly |strongly )?(?:believe|see (?:this|it|these|that) as|think)\b", re.I)
# 0.7: a modal inside a relative clause ("threat modelling … that could be unblocked") or a leading
# condition ("If we are considering releasing…, then we will…") does not govern the main verb.
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which)\s+$", re.I)
_LEADING_CONDITION = re.compile(r"^\W*(?:if|when|whenever|where|once|unless)\b[^,;:]*,\s*(?:then\s+)?", re.I)
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|does|did)\b", re.I)
_LABEL = re.compile(r"^[^:]{1,60}:\s+")
_SUBORDINATE = re.compile(r"\b(?:how|that|which|who|whom|whose|when|where|if|whether|because|while|such as)\b", re.I)


def has_main_verb(text: str) -> bool:
    """Whether a list item is a sentence of its own (a finite "is/are/was/has…" before any
    subordinate clause, after an optional "Label:"), rather than a noun phrase completing a lead-in."""
    body = _LABEL.sub("", text, count=1)
    m = _SUBORDINATE.search(body)
    return _FINITE_VERB.search(body, 0, m.start() if m else len(body)) is not None


_ABILITY = re.compile(r"(?:they )?(?:can|could)", re.I)
_PAST_SUBJECT_VERB = re.compile(
    r"\b(?:we|they|it|he|she|who|which|that|OpenAI|Anthropic|Google|Meta|METR|Apollo Research|AISI|CAISI|Institutes?|organi[sz]ations|firms|red[- ]?teamers?|experts?|testers?|researchers?|partners?|evaluators?|collaborators?|participants?|staff)"
    r"(?: (?:from|at|of|with) [\w-]+(?: [\w-]+){0,2})?(?: (?:also|then|first|later|further|have|had|jointly|independently|recently|previously|additionally|\w+ly))? "
    r"(\w+ed|ran|found|gave|took|led|began|made|wrote|saw|chose|built|sent|got|held|brought|sought|spent|shared|put|set)\b",
    re.I,
)
_PAST_OTHER = re.compile(
    r"\b(?:was|were|had|did)\b|\b(?:has|have) been\b|\bhave (?:\w++ )?(?:shared|built|run|made|given|begun|taken|found|worked|partnered|created|developed|provided|published|released|updated|introduced|launched)\b"
    r"|\b(?:in|during|since|from|until|through|by) (?:early |late |mid-)?(?:January|February|March|April|June|July|August|September|October|November|December|20\d\d)\b"
    r"|\btoday,? we\b|\bwe're (?:introducing|launching|announcing)\b|\bthank\w*\b|\bgrateful\b|\bago\b",
    re.I,
)
_NOT_PAST = frozenset(
    """need needed based limited related dedicated used required intended designed committed focused interested qualified
    deemed expected indicated advanced automated detailed specialized specialised trusted red-teamed proposed planned
    continued informed concerned supposed allowed enabled expanded
    red feed speed seed embed shed bed""".split()
)


class _PastMatch:
    def __init__(self, text: str, start: int) -> None:
        self._text = text
        self._start = start

    def group(self, _: int = 0) -> str:
        return self._text

    def start(self) -> int:
        return self._start


def _past_search(text: str) -> "_PastMatch | re.Match[str] | None":
    best = None
    for m in _PAST_SUBJECT_VERB.finditer(text):
        if m.group(1).lower() in _NOT_PAST:
            continue
        best = m
        break
    other = _PAST_OTHER.search(text)
    if other and (best is None or other.start() < best.start()):
        best = other
    return best


_IMPERATIVE = re.compile(
    r"^(?:[\w\s&/()’'-]{2,60}:\s+)?(?:establish|conduct|integrate|ensure|encourage|develop|document|maintain|implement|provide|publish|share|notify|"
    r"engage|solicit|require|perform|host|design|run|monitor|commission|test|apply|align|review|report|restrict|limit|build|create|"
    r"support|invest|expand|enable|protect|assess|evaluate|consult|disclose|release|offer|give|grant|seek|partner|collaborate)\b",
    re.I,
)

_WEAK_CUES = re.compile(r"\bwill (?:likely|probably)\b|\bwould\b", re.I)

# ---- access depth ----------------------------------------------------------------------------

_ACCESS_CONTEXT = re.compile(
    r"\baccess\w*|\bprovid\w+|\bshar\w+|\bgiven\b|\bgive\b|\breceiv\w+|\bsnapshots?\b|\bcheckpoints?\b|\bgrant\w*|\bcredits\b|\bavailable\b|\brelease\w*\b|\bversions?\b|\bvariants?\b|\bwork(?:ing|ed)? (?:on|with)\b|\bpurchase\b|\bvia\b",
    re.I,
)
_DEPTH_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("A5", re.compile(r"\bweights\b|open[- ]sourc\w+ (?:\w++ ){0,3}models?|openly releas\w+|full release|downloadable", re.I)),
    ("A4", re.compile(r"chain[- ]of[- ]thought|reasoning traces?|\blogits\b|internals|intermediate checkpoints|activations|non-public (?:eval|data|information|details|documentation)|raw (?:transcripts|outputs)|architecture details|internal (?:resources|documentation)|(?:classifier|internal|raw) (?:scores|signals)", re.I)),
    ("A3", re.compile(r"fine[- ]?tun\w+", re.I)),
    ("A2", re.compile(r"helpful[- ]only|safeguards? (?:removed|disabled|off)|(?:reduced|fewer|without|no) (?:safeguards|safety mitigations|refusals)|low[- ]refusal|research[- ]only version|without refusals|unprotected (?:versions?|models?|variants?)", re.I)),
    ("A1", re.compile(r"snapshots?|non-?public models?|non-standard (?:or \w+ )?models?|unreleased models?|(?:early|pre[- ]release|pre[- ]deployment|prior) (?:\w++ ){0,2}(?:access|checkpoints?|versions?|models?)|model checkpoints?|checkpoints? (?:of|still)|(?:final )?model candidates?|launch candidate|before (?:public )?(?:release|launch|deployment|general availability)|before (?:\w++ ){0,2}went live|early (?:model )?checkpoints|internal tool|advanced voice mode", re.I)),
    ("A0", re.compile(r"API credits|API access|\bvia (?:the )?API\b|\b(?:public|generally available|production) (?:API|models?|product)|usage polic(?:y|ies)|purchas\w+ (?:API )?credits|standard model suite|\bClaude Console\b|\bAPI\b", re.I)),
)

# ---- actors, timing, conditions --------------------------------------------------------------

_ACTORS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p, re.I if name.islower() else 0))
    for name, p in (
        ("METR", r"\bMETR\b|\bARC Evals\b"),
        ("Apollo Research", r"Apollo Research"),
        ("UK AISI", r"\bUK AISI\b|U\.?K\.? AI (?:Safety|Security) Institute|United Kingdom'?s? AI (?:Safety|Security) Institute"),
        ("US AISI", r"\bU\.?S\.? AISI\b|U\.?S\.? AI Safety Institute"),
        ("CAISI", r"\bCAISI\b|Center for AI Standards and Innovation"),
        ("EU AI Office", r"EU AI Office|European AI Office"),
        ("Frontier Model Forum", r"Frontier Model Forum"),
        ("Long-Term Benefit Trust", r"Long[- ]Term Benefit Trust|\bLTBT\b"),
        ("Gryphon Scientific", r"Gryphon Scientific"),
        ("NNSA", r"\bNNSA\b|National Nuclear Security Administration"),
        ("SecureBio", r"SecureBio"),
        ("Deloitte", r"Deloitte"),
        ("Irregular", r"\bIrregular\b(?! \w)|\bIrregular(?=[’']s| \((?:formerly )?Pattern Labs)|Pattern Labs"),
        ("Gray Swan", r"Gray Swan"),
        ("Andon Labs", r"Andon Labs"),
        ("Eleos AI", r"\bEleos\b"),
        ("FAR.AI", r"\bFAR\.?AI\b"),
        ("Faculty AI", r"\bFaculty(?:\.ai| AI)\b"),
        ("Scale AI", r"\bScale AI\b"),
        ("Signature Science", r"Signature Science"),
        ("AI Safety Institutes", r"AI (?:Safety|Security) Institutes\b"),
        ("independent third parties", r"independent third[- ]part(?:y|ies)|third[- ]party (?:\w++ ){0,2}(?:evaluat|assess|auditor|review|labs?|test)"),
        ("third parties", r"\bthird[- ]part(?:y|ies)\b"),
        ("external experts", r"external (?:\w++ )?experts?|outside experts?|independent (?:\w++ )?experts?"),
        ("domain experts", r"domain experts?|subject[- ]matter experts?"),
        ("red teamers", r"red[- ]?teamers?"),
        ("government", r"\bgovernments?\b|national security|law enforcement"),
        ("policymakers", r"policymakers|policy ?makers|regulators?"),
        ("academic researchers", r"academic\w*|universit(?:y|ies)"),
        ("researchers", r"(?<!academic )\bresearchers?\b"),
        ("auditors", r"\bauditors?\b|\baudits?\b"),
        ("public", r"\bpublish\w*|\bpublicly (?:release|share|disclose|post|report)|\bthe public\b|\bpublic (?:disclosure|version|report)"),
    )
)
_GENERIC_OVERLAP = {"independent third parties": "third parties"}

_TIMING: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pre-deployment", re.compile(r"pre[- ]?deployment|pre[- ]?release|before (?:\w++ ){0,3}(?:deploy\w*|release|launch)|prior to (?:\w++ ){0,4}(?:deploy\w*|release|launch|making|final)|early access|ahead of (?:\w++ ){0,2}(?:release|launch|deployment)|\bdays? before\b|launch candidates?", re.I)),
    ("during-training", re.compile(r"during (?:\w++ ){0,2}training|training checkpoints?|(?:early|intermediate) (?:model )?checkpoints|snapshots of the model at different stages|stages of training", re.I)),
    ("post-deployment", re.compile(r"post[- ]?deployment|post[- ]?release|after (?:\w++ ){0,3}(?:deploy\w*|release|launch)|following (?:the )?(?:\w++ ){0,5}deployment|historical deployments?|in production|bug bount\w+|jailbreak bount\w+|\bpurchase\b|usage policy", re.I)),
)

_CONDITIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("NDA", re.compile(r"non-?disclosure|\bNDAs?\b|confidential(?:ity)?", re.I)),
    ("company review before publication", re.compile(r"(?:review|approv\w+) (?:\w++ ){0,6}(?:before|prior to) (?:\w++ ){0,2}publi|pre-?publication review", re.I)),
    ("right to publish", re.compile(r"(?:right|free|able|permitted) to publish|(?:publish|share) their (?:own )?(?:findings|results|report)|independent(?:ly)? publi", re.I)),
    ("classified environment", re.compile(r"\bclassified\b", re.I)),
    ("sensitive information redacted", re.compile(r"redact\w*|sensitive (?:information|details)|not including sensitive", re.I)),
    ("usage policy applies", re.compile(r"usage polic(?:y|ies)", re.I)),
    ("vetting / trusted access", re.compile(r"\bvett\w+|trusted (?:users|actors|partners|testers)|approval process|application form|apply\b", re.I)),
    ("if available", re.compile(r"if (?:high quality )?(?:\w++ ){0,3}(?:is|are) available|when available", re.I)),
)

_SYSTEM_CARD_HINT = re.compile(r"system card|model card|service card|addendum|this (?:card|report)", re.I)
_POLICY_HINT = re.compile(r"framework|policy|commitments|scaling policy|readiness", re.I)


_DATE_LINE = re.compile(
    r"^\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4}|\d{4}-\d{2}-\d{2})\s*$",
    re.M,
)
_CARD_TITLE = re.compile(r"\b(?:system|model|service) card\b|\baddendum\b", re.I)


def infer_kind(text: str) -> str:
    """Guess the document kind from its opening text: `system-card` (a card in its title, or card
    wording dominating the opening), `press-release` (a web post: a lone date line under the
    title), `framework` (policy wording) or `other`."""
    head = text[:4000]
    title = next((ln.strip("# *") for ln in head.splitlines() if ln.strip()), "")
    if _CARD_TITLE.search(title):
        return "system-card"
    opening = "\n".join([ln for ln in head.splitlines() if ln.strip()][:12])
    if _DATE_LINE.search(opening) and len(text) < 80_000:
        return "press-release"
    card = len(_SYSTEM_CARD_HINT.findall(head))
    policy = len(_POLICY_HINT.findall(head))
    if card and card >= policy:
        return "system-card"
    if policy:
        return "framework"
    if card:
        return "system-card"
    return "other"


_REPORTING_KINDS = {"system-card", "model-card", "report", "press-release"}
_CARD_KINDS = {"system-card", "model-card"}
# A modal belongs to the company when the company speaks just before it ("we may", "OpenAI will").
_COMPANY_BEFORE = re.compile(
    r"\b(?:we|us|our|OpenAI|Anthropic|Google(?: DeepMind)?|DeepMind|Meta|Amazon|Microsoft|xAI)\b(?:\W+\w+){0,3}\W*$", re.I
)
_COMMITMENT_NOUN = re.compile(r"commitments?", re.I)
# Hedges that qualify a finding ("in rare cases the model…"), not the company's discretion.
_FINDING_HEDGE = re.compile(r"in (?:some|rare|special) cases|examples include|may (?:also|include)|could include", re.I)


def _first(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return pattern.search(text)


_EXTERNAL_RED_TEAM_DOC = re.compile(
    r"\b(?:external|outside|independent|third[- ]party|expert) (?:\w++ ){0,2}red[- ]?team|\bred[- ]?teamers\b|red[- ]?teaming (?:network|organi[sz]ations)"
    r"|\bexperts? (?:\w++ ){0,2}red[- ]?team|red[- ]?team\w* (?:\w++ ){0,6}(?:with|by) (?:\w++ ){0,4}(?:experts?|external|third[- ]part)",
    re.I,
)


def red_teaming_is_external(text: str) -> bool:
    """Whether a document says its red teaming involves outside people (external red teamers,
    a red teaming network…): only then does a bare "red teaming" in its report count as external."""
    return _EXTERNAL_RED_TEAM_DOC.search(text) is not None


_GENERIC_RED_TEAM = re.compile(r"(?<!internal )(?<!automated )(?<!internal and )(?<!frontier )\bred[- ]?team(?:ing|ed)?\b(?! tool)", re.I)
# In a card, the card describing its own content ("we summarize the results", "we include
# evaluations") is no publication: publishing needs a publishing word or a published artefact.
_PUBLISHING_WORD = re.compile(
    r"\bpublish\w*|\bpublic(?:ly)?\b|\bdisclos\w+|\bopen[- ]sourc\w+|\b(?:system|model) cards?\b|\bpapers?\b|\bforthcoming\b|"
    r"hugging ?face|github|\btransparency practices|\brelease[sd]?\b|\bshar\w+|\bmade available\b|\bredact\w*|\bexternal\w*|\bthird[- ]part\w+|"
    r"(?-i:\bReport\b)|\b(?:full|the|a|their|its|separate|forthcoming) (?:\w+ ){0,2}report\b|[’']s (?:\w+ )?report\b",
    re.I,
)
# Bare "auditor" in a card is mostly an automated auditing agent; an outside auditor is qualified.
_OUTSIDE_AUDITOR = re.compile(r"\b(?:third[- ]part(?:y|ies)|independent|external|outside|qualified|human|professional|accredited)[- ](?:\w+ ){0,2}audit\w*|\baudit(?:ed|s)? by\b", re.I)
_INTERNAL_AUDIENCE = re.compile(r"\b(?:staff|employees|the Board|Board of Directors|(?:senior|executive|company) management|management team|(?:senior |company )?leadership(?! (?:in|on|of))|internal stakeholders|internal teams?|(?:Executive|Chief \w+(?: \w+)?) Officers?)\b", re.I)
_REVIEW_NOUN = re.compile(r"\b(?:review|reviews|audit|audits|validation)\b", re.I)
_VARIANT_ONLY = re.compile(r"helpful[- ]only|safeguards? (?:removed|disabled)|low[- ]refusal|research[- ]only version|(?:version|variant)s? .*safeguards", re.I)
_GIVEN = re.compile(r"\b(?:access\w*|provid\w+|gave|give[ns]?|receiv\w+|shar\w+|grant\w*|offer\w*|available to)\b", re.I)
_BASELINE = re.compile(r"\bbaselin\w+", re.I)
_PUBLIC_AUDIENCE = re.compile(
    r"\b(?:public(?!\s+(?:safety|interest|health|sector|policy|officials))|publicly|publish\w*|publications?|(?:system|model) cards?|community|ecosystem|industry|external organi[sz]ations|other (?:companies|labs|developers|organi[sz]ations)|researchers)\b",
    re.I,
)
_OUTSIDE_AUDIENCE = re.compile(r"\b(?:public(?:ly)?|publish\w*|external|government|third[- ]part\w+|outside|independent|AISI|community)\b", re.I)
_STRONG_EVAL = re.compile(
    r"(?:third[- ]part\w*|external|independent|outside|pre[- ]deployment|partner)(?:[- ]\w+){0,2}[- ](?:evaluat\w*|assess\w*|test\w*|stress[- ]test\w*)"
    r"|(?:evaluat\w+|assess\w+|tested|testing) (?:\w++ ){0,4}(?:by|with|from|involving) (?:\w++ ){0,3}(?:third|external|independent|outside|experts?|partners?|METR|Apollo)"
    r"|(?-i:\bMETR\b)|Apollo Research|Gryphon|(?<!/)\bNNSA\b(?!\))|National Nuclear Security Administration"
    r"|(?:partnership|partnered|contracted|worked) (?:\w++ ){0,3}with (?:\S++ ){0,10}to (?:evaluate|assess|test)\b|research collaborators|collaboration partners|threat model\w*|evaluations? (?:developed|created|designed) by"
    r"|collaborat\w* (?:\w++ ){0,3}with (?:\S++ ){0,8}(?:experts?|(?-i:C?AISI)|AI (?:Safety|Security) Institutes?|Center for AI Standards|evaluators?)"
    r"|(?-i:C?AISI)(?: and (?-i:C?AISI))? (?:\w++ ){0,2}evaluations|\bevaluated (?:\w++ ){0,2}(?:several|multiple|\d+|our|the) (?:\w++ ){0,2}(?:iterations|versions|models?|checkpoints|snapshots)"
    r"|(?:ongoing|pre[- ]deployment) testing|testing of (?:our|the) (?:systems|models?)|private testing firms|(?:testing|evaluations?) (?:\w++ ){0,2}by (?:the )?(?:AISIs|(?-i:C?AISI)|institutes)\b"
    # An AI safety/security institute testing, assessing or judging the model is also evaluating it.
    r"|(?-i:\bC?AISI\b|Institute\b|Center for AI Standards)(?:\)|’s|'s)?,? (?:\w++ ){0,3}(?:tested|tests|evaluated|evaluates|assessed|assesses|judged|judges|found|finds|noted|ran|examined|was provided|were provided|had access|testing|evaluations?|assessments?|ranges|tasks)\b",
    re.I,
)
# ---- system/model cards: what a card says that is not about outside parties ----------------

# A caption ("Figure 5.2.1.A …", "Table 3 …") describes a chart or table.
_CAPTION = re.compile(
    r"^\W*(?:Figure|Fig\.|Table|Chart)\s+[\dA-Z]+(?:[.\-]\w+)*\b(?!\s+(?:shows? that|below))"
    # a model transcript: stage directions ("<model drafts report>") or a quoted model reply
    r"|.*<(?:model|assistant|user|human)\b[^>]*>|^\W*\*\*[^*]{1,40}\*\*:\s*[\"“]", re.I)
# Internal parties a card names: company teams, governance bodies, internal experts. Their words
# ("independent critique", "subject matter experts") do not make a unit about outside parties.
_INTERNAL_PARTY = re.compile(
    r"\binternal (?:\w+ ){0,3}(?:experts?|teams?|testers?|red[- ]?teamers?|reviewers?)\b|\bred[- ]?teaming by internal experts\b"
    r"|\b(?:our |the )?(?:safety|policy|specialist|T&S|Trust (?:&|and) Safety) (?:\w+ )?teams?(?: who sit outside of the model development team)?"
    r"|\b(?:human )?(?:evaluators|experts|teams|reviewers) (?:who (?:sit|are) )?(?:independent of|outside of) the model development team"
    r"|\b(?:independent of|outside of) the model development team|\bFrontier Red Team(?: \(FRT\))?|\bAlignment Stress[- ]Testing(?: team)?(?:[’']s)?(?: independent)?(?: critique| review)?"
    r"|\bLong[- ]Term Benefit Trust(?: \(LTBT\))?|\bLTBT\b|\bBoard of Directors|\bResponsible Scaling Officer|\bpolicy experts\b"
    r"|\b(?:auditor|auditing|investigator) (?:agents?|models?|behaviou?r)\b|\b(?:user|simulated user) or auditor\b"
    # experts as a human baseline or as graders of preference, and outside benchmarks run in-house
    r"|\b(?:than|over) (?:\w+ ){0,2}(?:domain |human )?experts\b|\b(?:domain )?experts preferred\b"
    r"|\bindependent of (?:evaluation|the)\b|\bexternal (?:benchmarks?|datasets?)\b|\bexternal evaluations new to our \w+ suite|\bInternal/External (?:\w+ )?Evaluations",
    re.I,
)
_NAMED_EVALUATOR = (
    r"SecureBio|METR|Deloitte(?: Consulting)?|Scale AI|Andon Labs|Gray Swan|Irregular|Pattern Labs|Gryphon Scientific|Signature Science"
    r"|ARC Prize Foundation|ARC Foundation|Epoch AI|(?:UK |US )?AISI|SecureBio's researchers|Faculty\.ai|Faculty AI"
)
# Dataset provenance: a test the company ran itself that an outside party built or published.
_PROVENANCE = re.compile(
    r"\b(?:evaluations?|benchmarks?|datasets?|tasks?|questions?|challenges?|rubrics?|environments?|suites?|judge)\b(?: \(\w+\))? (?:\w+ ){0,3}"
    rf"(?:from|developed by|created by|designed by|designed and validated by|developed (?:in (?:partnership|collaboration) )?with|by staff at|selected by) (?:the )?(?:\w+ ){{0,2}}(?:{_NAMED_EVALUATOR}|(?:external |domain |bioweapons? )?experts?\b|collaborators|expert partners)"
    rf"|\b(?:{_NAMED_EVALUATOR})[’']s (?:own )?(?:[\"“]?[\w-]+[\"”]? ){{0,5}}(?:evaluation|benchmark|task|rubric|paper|researchers expect)"
    rf"|\b(?:{_NAMED_EVALUATOR}) (?:has created|reports that|public task|data deduplication|RE-Bench)|\bmodified subset of (?:{_NAMED_EVALUATOR})"
    rf"|\bin their paper\b|\b(?:in collaboration|in partnership) with (?:\w+ ){{0,3}}(?:{_NAMED_EVALUATOR}|expert partners|domain experts),? we (?:developed|collected|built|created)"
    rf"|\bdeveloped (?:\w+ ){{0,6}}in (?:collaboration|partnership) with (?:expert partners|{_NAMED_EVALUATOR})"
    rf"|\b(?:worked|partnered|collaborated) with (?:{_NAMED_EVALUATOR}) to (?:develop|build|create|design)\b|\b(?:scores|results) reported by (?:the )?(?:{_NAMED_EVALUATOR})"
    r"|\bbenchmark (?:developed|created|designed) by\b|\b(?:developed|created) by (?:the )?[A-Z][\w.]* (?:Foundation|Labs?|AI)\b",
    re.I,
)
# An outside party doing something to the model (graded, tested, red-teamed, found…): no provenance.
_OUTSIDE_DID = re.compile(
    rf"\b(?:{_NAMED_EVALUATOR})(?: staff| researchers)? (?:\w+ ){{0,2}}(?:conducted|tested|ran|measured|graded|found|evaluated|assessed|red[- ]?teamed|engaged|received|had access|was given|identified (?!a subset))"
    rf"|\b(?:graded|tested|evaluated|assessed|red[- ]?teamed|conducted|run) by (?:\w+ ){{0,2}}(?:{_NAMED_EVALUATOR})",
    re.I,
)
# A card referring to itself, its previous editions or cited papers publishes nothing.
_SELF_REFERENCE = re.compile(
    r"\b(?:as of |since )?(?:the )?publication of (?:this|the previous|the|our previous) (?:\w+ )?(?:model|system) card\b"
    r"|\b(?:(?:further|more) )?details (?:\w+ ){0,2}(?:can be )?found in (?:\w+ ){0,4}(?:paper|(?:model|system) card)s?\b"
    r"|\b(?:may not have been )?included in (?:\w+ ){0,3}(?:previous|prior|the Claude \S+) (?:\w+ )?(?:model|system) cards?\b"
    r"|\bmodel cards may be updated\b|\bthis report includes the model card\b|\breport includes the model card\b"
    r"|\b(?:our|prior|previously) published (?:\w+ ){0,2}(?:work|paper|research|jailbreak)\w*|\bour published many-shot jailbreak"
    r"|\bpublicly released transcripts\b|\bblog post we published\b|\b(?:release|September 2024 release) reported at\b"
    r"|\bdata (?:\w+ ){0,6}was made public\b|\btheir paper\b|\bpaper outlining this benchmark\b",
    re.I,
)
# In a card, a category match that reports something other than outside access or testing.
_CARD_CATEGORY_VETO: tuple[tuple[str, re.Pattern[str]], ...] = (
    # uplift-trial participants "had access" to a model; a model variant tested: no researcher access
    ("researcher-access", re.compile(r"\b(?:participants|control group|test group|uplift (?:study|trial))\b|\bwithout access to the question\b", re.I)),
    # the model whistleblowing or forwarding information to regulators is model behaviour
    ("government-access", re.compile(r"\bwhistleblow\w*|\bmock tools\b|\bsimulated (?:settings?|users?)\b", re.I)),
    ("external-evaluation", re.compile(r"\bcarbon footprint\b|\bemissions\b|\breproduce (?:this|the|our) evaluation|\bcanary strings?\b|\bsimulated users?\b", re.I)),
    # the company's own red-teaming research, exercises or prompts, with no outside party named
    ("external-red-teaming", re.compile(
        r"^(?!.*(?:external|third[- ]part|independent|outside|experts?\b|firms\b|academ|contractors|crowdworkers))(?=.*(?:red[- ]?teaming (?:research|prompts|exercises|work)|red[- ]?team(?:ing)? exercises))", re.I)),
    # a capability report to the RSO, the CEO, the Board or the LTBT, with nothing made public
    ("publication", re.compile(
        r"^(?!.*\b(?:publish\w*|public(?:ly)?|system cards?|model cards?)\b)(?=.*\b(?:Frontier Red Team|Alignment Stress[- ]Testing|LTBT"
        r"|Long[- ]Term Benefit Trust|Responsible Scaling Officer|Board of Directors)\b)", re.I)),
)
# In a card, an outside party probing with attacks or conversations is red teaming, and the
# institutes or government partners a unit names are government access.
_ATTACK_WORDS = re.compile(r"\bprompt injection|\bjailbreak\w*|\bred[- ]?team\w*|\battacks?\b|\badversarial\b|\bconversations with (?:Claude|the model)", re.I)
_NAMED_PARTY = re.compile(rf"\b(?:{_NAMED_EVALUATOR})(?![a-z])|\bexperts?\b|\bfirms\b|\bacademics\b", re.I)
# People in an uplift trial "had access" to a model: in any genre, nobody outside is given access.
_UPLIFT_TRIAL = re.compile(r"\b(?:control group|test group|model-assisted group|uplift (?:study|studies|trial|trials))\b", re.I)
_GOV_IN_CARD = re.compile(r"\bthe (?:two )?institutes\b|\bgovernment partners\b|\bpublic[- ]private\b|\bNNSA\b", re.I)
# In a card, what an outside party receives before launch (A1) or of the company's own findings (A4).
_CARD_A4 = re.compile(
    r"\b(?:copy of|share\w* (?:\w+ ){0,3}|receiv\w* (?:\w+ ){0,3}|provided (?:\w+ ){0,3})(?:our |the |a )?(?:complete |full |(?:minimally )?redacted |unredacted )?"
    r"(?:copy of (?:the |our )?)?(?:capabilit(?:y|ies) report|assessment|risk report|evaluation results)\b", re.I)
_CARD_A1 = re.compile(
    r"\bnear-final\b|\b(?:model|snapshot|checkpoint|version)s? (?:\w+ ){0,2}(?:prior to|before) (?:its |public )?(?:release|launch|deployment)"
    r"|\b(?:early|pre-release|unreleased) (?:\w+ ){0,2}(?:snapshot|checkpoint|version|model)s?\b", re.I)
_CARD_VETO_REASON = {
    "external-evaluation": "an outside analysis of something other than the models, or outsiders using a public evaluation",
    "external-red-teaming": "the company's own red-teaming work",
    "publication": "a report to the company's own governance, nothing published",
    "researcher-access": "people in an uplift trial or a model variant, nobody outside given access",
    "government-access": "the model's own behaviour in a test scenario",
}
# "Red teaming" in a card that names internal or automated red teaming, red-teaming prompts or
# benchmarks, or the company's own research, is no outside red teaming.
_INTERNAL_RED_TEAMING = re.compile(
    r"\bred[- ]?teaming (?:prompts|language models|research|work|task|activities)\b|\bAgent Red[- ]?Teaming\b|\bRed[- ]?Teaming \(ART\)"
    r"|\bT&S\b|\bTrust (?:&|and) Safety\b|\bsafety teams\b|\bspecialist teams\b|\bautomated red[- ]?teaming\b|\bhuman red team\b"
    r"|\bred[- ]?team(?:ing)? (?:\[\d+\]|exercises)|\bwe continue to (?:[\w,]+ ){0,4}red[- ]team\b|\bwe (?:\w+ )?and red[- ]teamed\b|\bEvaluations and Red[- ]?Teaming\b"
    r"|\bnot human evaluation or red teaming\b|\bevaluations and red teaming activities\b|\bred[- ]teaming \[\d+\]",
    re.I,
)


def _card_scan_text(text: str) -> str:
    """The text of a card unit with the words that name no outside party doing something set
    aside: internal teams and governance bodies, the outside origin of a test the company ran
    itself (unless the outside party also did something), and the card's self-references."""
    out = _INTERNAL_PARTY.sub(" … ", text)
    if _PROVENANCE.search(out) and not _OUTSIDE_DID.search(out):
        out = re.sub(rf"\b(?:{_NAMED_EVALUATOR})(?![a-z])|\b(?:external |domain |expert |bioweapons? )?(?:experts?|partners|collaborators)\b|\bbenchmark developed by\b", " … ", out, flags=re.I)
    return _SELF_REFERENCE.sub(" … ", out)


# ---- any genre: words that name an outside party without one doing anything ----------------

# Internal teams, capability comparisons with experts ("similar to interactions with subject
# matter experts"), intellectual credit ("the proposal first introduced by METR") and training
# data sourced with experts: set aside before the lexicons are matched.
_NO_OUTSIDE_ROLE = re.compile(
    r"\bteam members(?: with (?:[\w-]+ ){0,2}expertise(?: (?:across|in) (?:[\w-]+ ){0,3}fields)?)?"
    r"|\b(?:the|our) (?:modeling|model development|engineering|security|research|product) (?:organi[sz]ation|teams?)\b"
    r"|\b(?:similar|comparable|equivalent|akin) to (?:[\w-]+ ){0,4}(?:subject[- ]matter |domain |human )?experts?\b"
    r"|\b(?:proposals?|concepts?|ideas?|notions?|frameworks?|polic(?:y|ies))[\s—–-]{1,2}(?:\w+ ){0,4}(?:first |initially |originally )?(?:introduced|proposed|pioneered|suggested|originated) by (?:[\w-]+ ){0,5}\w+"
    r"|\b(?:recogni[sz]e|acknowledge|credit|commend)\w* (?:[\w’'-]+ ){1,4}(?:leadership|role|work) in (?:originat|pioneer|spearhead|propos|introduc)\w*.*"
    r"|\b(?:training )?data(?:sets?)? (?:\w+ ){0,6}(?:sourced|collected|created|curated|annotated|labell?ed) (?:\w+ ){0,2}(?:in collaboration with|with|by|from) (?:[\w-]+ ){0,2}experts\b"
    # a software tool named "Evaluator" (capitalised, no article) is no outside party
    r"|(?<!^)(?<![.!?] )(?<!\ban )(?<!\bthe )(?<!\bAn )(?<!\bThe )(?-i:\b(?:[A-Z][\w-]+ )?Evaluator\b)(?!s)"
    # credit to other organisations for their own work ("we recognize other organizations … publishing")
    r"|\b(?:recogni[sz]e|acknowledge|credit|commend|applaud)\w* (?:\w+ ){0,3}other (?:organi[sz]ations|companies|labs|developers|groups)\b.*"
    # open-weight models already available as the baseline of an uplift comparison
    r"|\b(?:currently|already|publicly) available (?:[\w-]+ ){0,2}open[- ](?:weights?|source) models?\b",
    re.I,
)
# Security assurance of the company's systems (penetration tests, vulnerability scans,
# certifications) is outside probing of safeguards, not an evaluation of the model's capabilities.
_SECURITY_TESTING = re.compile(r"\bpenetration test\w*|\bsecurity test\w*|\bvulnerability (?:scan\w*|management|testing)|\bsecurity controls\b", re.I)
# Protecting weights or data from unauthorised access is security, not access given to anyone.
_SECURITY_PROTECT = re.compile(r"\bunauthori[sz]ed access\b|\bprotect\w* (?:[\w,]+ ){0,10}(?:from|against) (?:\w+ ){0,3}(?:unauthori|theft|compromise|attack|exfiltrat)", re.I)
# A trust-building aim or the company's own legal/compliance review names no outside reviewer.
_OUTSIDE_WORD = re.compile(r"\bbeyond (?-i:[A-Z])\w+|\b(?:third[- ]part\w+|external\w*|independent|outside|public(?:ly)?|stakeholders?|auditors?|government\w*|regulators?|customers)\b", re.I)
_EXTERNAL_RX = re.compile(_EXTERNAL_PARTY, re.I)
_OWN_COMPLIANCE = re.compile(r"\binternal governance\b|\blegal and compliance reviews?\b", re.I)
# Releasing a model publicly is deployment; publication is about what is said of its evaluations.
_MODEL_RELEASE = re.compile(r"\bmodels? (?:\w+ ){0,3}publicly releas\w*|\bpublicly releas\w* (?:\w+ ){0,3}models?\b", re.I)
_PUBLICATION_ARTEFACT = re.compile(r"\bpublish\w*|\b(?:system|model) cards?\b|\breports?\b|\bresults\b|\bfindings\b|\bdisclos\w+", re.I)
# Forums and support channels for users are a product channel, not publication.
_USER_CHANNEL = re.compile(r"\b(?:user|customer|developer) (?:forums?|support|channels?)\b", re.I)
# Outside experts consulted on evaluations or risk assessments also evaluate.
_EXPERTS_ON_EVALUATION = re.compile(
    r"\b(?:external|independent|outside) (?:\w+ )?experts\b(?: \S+){0,10} (?:(?:\w+ )?evaluations?|(?:\w+ )?(?:risk )?assessments?)\b", re.I)
# Government bodies that are no AI institute: government access only when they test or red-team.
_SELF_CONTENT = re.compile(r"\binclude\w* (?:\w+ ){0,3}descriptions? of\b", re.I)
_EXPERT_BASELINE = re.compile(r"\b(?:compar\w+|relative) (?:\w+ ){0,2}(?:to|with|against) (?:the )?(?:performance|capabilit\w+|scores?|results) of (?:\w+ ){0,2}experts?\b", re.I)
_GOV_AS_CUSTOMER = re.compile(r"\bapplications for (?:\w+ ){0,2}(?:governments?|government agencies|public sector)\b|\b(?:government|public sector) (?:agencies|users|customers|employees) (?:can|could|may|will) use\b", re.I)
_GOV_AS_REGULATOR = re.compile(r"\bgovernment[- ](?:imposed|mandated|led regulation)\b", re.I)
_GOV_TESTS = re.compile(r"\btest\w*|\bevaluat\w+|\bred[- ]?team\w*|\bpre[- ](?:deployment|release)|\bAISI\b|\bInstitutes?\b|\bnotif\w+|\breport\w* to\b", re.I)
_POLICY_PUBLICATION = re.compile(r"\bpublish\w* (?:a |an |our )?(?:policy roadmap|policy proposals?|white ?papers?|op-eds?)\b", re.I)
_PUBLICATION_ARTEFACT_STRICT = re.compile(r"\b(?:system|model) cards?\b|\brisk reports?\b|\bevaluation (?:results|reports?)\b|\bcapabilit\w+ (?:reports?|assessments?)", re.I)
_GOV_BODY = re.compile(r"(?-i:\bNIST\b|\bNNSA\b)|National Institute of Standards|National Nuclear Security Administration|\bthe government\b", re.I)
# In a policy, a past tense inside a condition ("whether a threshold has been reached") is no report.
_CONDITION_BEFORE = re.compile(r"\b(?:whether|if|once|until|unless|when|after|before)\b(?:\s+\S+){0,4}\s*$", re.I)


_BARE_INSTITUTE = re.compile(r"(?-i:C?AISI)|AI (?:Safety|Security) Institutes?|Center for AI Standards|AI Office", re.I)
_INSTITUTE_ROLE = re.compile(
    r"\b(?:models?|Claude|GPT[-\w]*|Gemini|Llama|Grok|systems|test\w*|tested|evaluat\w+|assess\w+|red[- ]?team\w*|access\w*|shar\w+|safeguards?"
    r"|pre[- ]deployment|pre[- ]release|agreements?|collaborat\w+|partner\w*|notif\w+|report\w*|provid\w+|inform\w*|findings|results|risks?|checkpoints?|snapshots?"
    r"|our|us|helped|input|feedback|perspective|review\w*)\b", re.I)


# Advocacy: the sector, governments or the law as the subject of a normative verb, with the company
# itself nowhere an actor once its advocacy verbs ("we believe", "we recommend") are set aside.
_SECTOR_SUBJECT = (
    r"(?:governments?|policymakers|regulators|Congress|legislators|lawmakers|the (?:law|bill|legislation)|regulations?"
    r"|(?:frontier |covered |large |leading |other |all )?(?:AI )?(?:developers|companies|labs|deployers)(?: like \w+)?"
    r"|(?:the )?(?:AI )?(?:industry|sector|field)|society|countries|(?:third[- ]party |external )?auditors"
    r"|(?:testing|oversight|testing and evaluation|transparency) regimes?|a (?:broader|wider) set of actors|government agencies"
    r"|the (?:US|U\.S\.|federal|state) government|(?-i:NIST|CAISI))"
)
_ADVOCACY = re.compile(
    rf"\b{_SECTOR_SUBJECT}(?: [\w’'()-]+){{0,6}}? (?:should|ought to|needs? to|needs|will need to|must|demands?|is needed|are needed)\b"
    rf"|\b(?:crucial|important|essential|necessary|vital) (?:that|for) (?:the )?{_SECTOR_SUBJECT}",
    re.I,
)
_ADVOCACY_VERB = re.compile(
    r"\b(?:we|I) (?:\w+ )?(?:believe|think|recommend|encourage|urge|advocate|suggest|propose|expect|hope|support|call)\w*\b(?: (?:that|for))?"
    r"|\bour (?:view|position|recommendations?|proposal)\b", re.I)
_OWN_ACTOR = re.compile(r"\b(?:we|our|us|ours|Anthropic|OpenAI|Google|DeepMind|Meta|Microsoft|Amazon|xAI|NVIDIA|NAVER|Cohere|G42|Magic)\b", re.I)


def is_sector_advocacy(text: str) -> bool:
    """Whether a unit says what governments, the law or AI developers in general should do, with the
    company itself not an actor (outside the scope: it is not about the company's own models)."""
    return _ADVOCACY.search(text) is not None and _OWN_ACTOR.search(_ADVOCACY_VERB.sub(" ", text)) is None


# The text describing itself ("In this post, we discuss …") says nothing about outside parties.
_META_DISCOURSE = re.compile(
    r"^\W*(?:in|throughout|below,? in) (?:this|the following) (?:blog )?(?:post|paper|essay|piece|document|article|note)s?,? (?:we|I) (?:\w+ )?"
    r"(?:discuss|describe|outline|explain|explore|examine|look at|set out|lay out|summari[sz]e|present|argue)\b", re.I)
# A report written by the company's own team or sent to its advisory group is internal.
_INTERNAL_AUTHOR = re.compile(
    r"(?-i:\b(?:The |the )?(?:[A-Z][\w-]+ ){1,2}team\b)|\bSafety Advisory Group\b|\bSAG\b|\breports? to (?:the )?(?:\w+ ){0,2}(?:group|committee|council|board)\b", re.I)
# What a report "will include" is published only when something says the report goes outside.
_OUTWARD_ARTEFACT = re.compile(r"\b(?:publish\w*|public(?:ly)?|(?:system|model) cards?|shar\w+|disclos\w+|releas\w+|external\w*|government\w*|regulators?)\b", re.I)
_SCOPE_OF_CATEGORY = re.compile(r"\bas part of\b|\bin (?:the|our|this) (?:[\w-]+ ){0,2}(?:categor\w+|scope|suite)\b", re.I)


_INCLUDE_CUE = re.compile(r'^cat:publication="(?:we|will) (?:\w+ )?includ', re.I)
_REPORT_POINTER = re.compile(r"^\W*(?:these|the|such|those|this|each) (?:\w+ )?reports?\b", re.I)


def internal_report_contents(text: str, cues: tuple[str, ...], antecedent: str) -> bool:
    """Whether a unit that only says what "these reports will include" describes the contents of a
    report to the company's own team, group or board: the `antecedent` (the sentence before it)
    names an internal audience or author and nothing says the report goes outside."""
    pub = [c for c in cues if c.startswith("cat:")]
    return (
        len(pub) == 1 and _INCLUDE_CUE.match(pub[0]) is not None and _REPORT_POINTER.match(text) is not None
        and (_INTERNAL_AUTHOR.search(antecedent) is not None or _INTERNAL_AUDIENCE.search(antecedent) is not None)
        and not _OUTWARD_ARTEFACT.search(antecedent) and not _OUTWARD_ARTEFACT.search(text)
    )


def _drop(categories: list[str], cues: list[str], category: str, reason: str) -> list[str]:
    categories.remove(category)
    out = [c for c in cues if not c.startswith(f"cat:{category}")]
    out.append(f"not {category}: {reason}")
    return out


_INTERNAL_ONLY = re.compile(r"\binternal(?:ly)? (?:\w++ )?(?:teams?|staff|red[- ]?team\w*|researchers|experts|testing|evaluations?)\b|\bin-house\b|^\W*internally\b|\b(?:our|\w+'s) (?:employees|staff)\b|\b[A-Za-z]+ employees\b", re.I)
_BARE_URL = re.compile(r"(?<!\]\()https?://\S+|www\.\S+")
_REFERENCE = re.compile(r"^\s*\[\d+\]|(?<!\]\()https?://\S+|^\s*(?:doi|arXiv):|\bsupra note \d|\bibid\b", re.I)
_SEE_LINK = re.compile(r"^\W*(?:see(?: also)?|cf\.?)\s+(?:<|\[)?https?://", re.I)
_NAV = re.compile(r"\b(?:available here|click here|learn more|read more|see (?:here|below|above)|table of contents|opens in a new (?:window|tab)|skip to (?:main )?content)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|will)\b", re.I)
_LINK_WORDS = re.compile(r"\b(?:we|our|will|publish\w*|post\w*)\b", re.I)
# "2.17 AIME 2025 32 2.18 GPQA Diamond 32 …": numbered section titles with page numbers.
_TOC_ENTRY = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,4}\.? [A-Z][^.!?]{0,80}? \d{1,3}\b")
_DOT_LEADER = re.compile(r"(?:\. ?){6,}\s*\d{0,3}\s*$|(?:\. ){5,}")
_THANKS = re.compile(r"^\W*thank you\b", re.I)
_FRAGMENT_END = re.compile(r"[.!:;\]”\"'’*]\s*(?:\d{1,3})?\s*$")


@lru_cache(maxsize=1 << 16)
def skip_reason(text: str, unit_kind: str = "sentence") -> str | None:
    """Why a unit can never be a statement (a heading-like fragment, a reference…), else None."""
    if len(text) < 12 or (len(text) < 40 and sum(ch.isalpha() for ch in text) < 8):
        return "too short"
    if _REFERENCE.search(text) and not _FIRST_PERSON.search(text):
        return "reference or bare link"
    if _SEE_LINK.match(text):
        # 0.7: "See https://…, https://…": a citation footnote, whatever words its addresses hold.
        return "reference or bare link"
    urls = sum(len(u) for u in _BARE_URL.findall(text))
    if urls * 3 > len(text) and not _LINK_WORDS.search(text):
        return "mostly links"
    if len(_TOC_ENTRY.findall(text)) >= 3 or _DOT_LEADER.search(text):
        return "table of contents"
    if _THANKS.match(text):
        return "thanks"
    if text.rstrip("*_ ").endswith("?"):
        return "question"
    if _NAV.search(text) and (len(text) < 120 or len(_NAV.findall(text)) >= 2):
        return "navigation"
    if unit_kind == "sentence" and not _FRAGMENT_END.search(text) and ": " not in text and len(text.split()) <= 8:
        return "heading-like fragment"
    return None


# Cheap pre-filters: each category pattern needs at least one of these substrings (of the
# lower-cased unit), so a unit without them skips the full pattern. Plain substring tests: a
# case-insensitive regex alternation of literals costs more than the patterns it guards. Keep
# each a superset of what its pattern requires.
_CATEGORY_KEYWORDS: dict[str, tuple[str, ...]] = {
    name: tuple(w.strip() for w in words.split("|"))
    for name, words in {
        "external-evaluation": "metr|arc|nnsa|national nuclear|apollo|aisi|institute|center for ai|ai office|gryphon|irregular|pattern labs|"
        "securebio|deloitte|faculty|haize|virtue ai|scale ai|signature science|nemesys|lakera|gray swan|andon|epoch ai|eleos|"
        "far|redwood|transluce|goodfire|palisade|apart research|third|external|independent|outside|collaborat|partner|firms|ngo|universit|peers|engag|involv|"
        "expert|pre-|pre |evaluator|researcher|organi|parties|government|academic|domain|subject|tester|developed by|"
        "created by|designed by",
        "external-red-teaming": "red|bount|vulnerab|disclosure|penetration|adversarial|jailbreak|stress|weakness|exploit",
        "government-access": "nnsa|national nuclear|government|policymaker|policy maker|regulator|aisi|institute|authorities|officials|ai office|"
        "center for ai|national security|law enforcement|classified|agenc|regulat|incident|nist|national institute|report",
        "third-party-review": "third|external|independent|outside|audit|feedback|input|comment|opinion|critique|advice|"
        "guidance|review|expert|public|stakeholder|long-term|long term|ltbt|soc|iso|fedramp|certif|build trust|"
        "build confidence|examination",
        "researcher-access": "research|available|access|credit|academic|trust|external|fine-tun|fine tun|finetun|grant|program|"
        "applicant|participant|helpful|safeguard|refusal|safe harbo|good-faith|good faith|retired|deprecated|older|legacy|"
        "preserv|usage polic|exempt",
        "publication": "publi|demonstrat|disclos|releas|card|includ|provid|shar|forthcoming|transparency|change|update|posted|summar|"
        "redact|made available|open-sourc|open sourc|third|external|evaluat|assess|report|paper|communicat|community|"
        "ecosystem|documentation|public|hugging|github|found in|detailed|described|explained",
        "open-weights": "open|weight|releas|downloadable|hugging|deployment",
    }.items()
}


def _has_any(low: str, words: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, words))  # C-level loop: no generator frame per keyword


def _lower_regex(pattern: str) -> str:
    """The pattern for lower-cased text: literal letters lower-cased, escapes (\\S, \\W…) kept."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


def _fast_patterns(pattern: re.Pattern[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(case-sensitive parts, searched in the text with re.I; the rest, searched without re.I in the
    lower-cased text). Case-insensitive matching is ~2.5x slower in `re`, so only the parts that
    need case ("METR", "AISI") pay for it."""
    parts = _RX_PARTS[pattern.pattern]
    cased = [p for p in parts if "(?-i:" in p]
    rest = [p for p in parts if "(?-i:" not in p]
    join = lambda ps: r"\b(?:" + "|".join(f"(?:{p})" for p in ps) + ")"  # noqa: E731
    return (
        re.compile(join(cased), re.I) if cased else None,
        re.compile(_lower_regex(join(rest))) if rest else None,
    )


_FAST_PATTERNS = {name: _fast_patterns(p) for name, p in _CATEGORY_PATTERNS.items()}


def match_categories(text: str) -> list[tuple[str, str]]:
    """(category, matched words) for every category lexicon that matches `text`."""
    out = []
    low = text.lower()
    same_length = len(low) == len(text)  # lower() can lengthen rare characters: then match as is
    for category, pattern in _CATEGORY_PATTERNS.items():
        if not _has_any(low, _CATEGORY_KEYWORDS[category]):
            continue
        if not same_length:
            m = pattern.search(text)
            if m:
                out.append((category, m.group(0).strip()))
            continue
        cased, rest = _FAST_PATTERNS[category]
        m1 = cased.search(text) if cased else None
        m2 = rest.search(low) if rest else None
        if m1 or m2:
            # The leftmost match, as one combined pattern would find; the words quoted as written.
            a, b = (m1.span() if m1 and (not m2 or m1.start() <= m2.start()) else m2.span())
            out.append((category, text[a:b].strip()))
    return out


def classify_unit(
    text: str,
    *,
    kind: str = "framework",
    unit_kind: str = "sentence",
    inherited: tuple | None = None,
    red_teaming_is_external: bool = True,
) -> Classification | None:
    """Classify one unit; None when it is out of scope.

    `text` is the unit's text (whitespace squashed); `kind` is the document kind (taxonomy
    `DocumentKind`) which decides how present tense is read; `unit_kind` is the segment kind
    (``sentence``, ``list-item``, ``table-cell``). `red_teaming_is_external` says the document
    describes its red teaming as external elsewhere (see `red_teaming_is_external`), so a bare
    "red teaming" in a system card counts. `inherited` = (categories, reason[, strength])
    brings a unit
    into scope from its context (it continues an in-scope statement, or sits in a section about
    outside testing) when no lexicon matches it. Pure and deterministic (results are memoised:
    consecutive versions of a document repeat most of their units).
    """
    return _classify_cached(text, kind, unit_kind, inherited, red_teaming_is_external)


@lru_cache(maxsize=1 << 16)
def _classify_cached(
    text: str,
    kind: str = "framework",
    unit_kind: str = "sentence",
    inherited: tuple | None = None,
    red_teaming_is_external: bool = True,
) -> Classification | None:
    """`classify_unit`, memoised (its arguments are hashable and the function is pure)."""
    if skip_reason(text, unit_kind):
        return None
    cues: list[str] = []
    categories: list[str] = []
    reporting = kind in _REPORTING_KINDS
    if reporting and _CAPTION.match(text):
        return None  # a figure or table caption describes the chart, not what outside parties did
    scan = _card_scan_text(text) if reporting else text
    if scan != text:
        cues.append("card: internal parties, dataset provenance and self-references set aside")
    scrubbed = _NO_OUTSIDE_ROLE.sub(" … ", scan)
    if scrubbed != scan:
        cues.append("internal teams, comparisons with experts, credit for ideas or data sourcing set aside")
        scan = scrubbed
    for category, words in match_categories(scan):
        categories.append(category)
        cues.append(f'cat:{category}="{words}"')
    if not reporting and "researcher-access" in categories and _UPLIFT_TRIAL.search(text):
        cues = _drop(categories, cues, "researcher-access", _CARD_VETO_REASON["researcher-access"])
    if reporting:
        for category, drop in _CARD_CATEGORY_VETO:
            if category in categories and drop.search(text):
                categories.remove(category)
                cues = [c for c in cues if not c.startswith(f"cat:{category}")]
                cues.append(f"not {category}: {_CARD_VETO_REASON[category]}")
    if reporting and red_teaming_is_external and "external-red-teaming" not in categories and not _INTERNAL_RED_TEAMING.search(text):
        m = _GENERIC_RED_TEAM.search(scan)
        if m:
            categories.append("external-red-teaming")
            cues.append(f'cat:external-red-teaming="{m.group(0)}" (red teaming reported in a {kind})')
    if "researcher-access" in categories and _VARIANT_ONLY.fullmatch(next(c for c in cues if c.startswith("cat:researcher-access")).split("=", 1)[1].strip('"')) and not _GIVEN.search(text):
        # A helpful-only or safeguard-free model named as a test subject is no access given to anyone.
        categories.remove("researcher-access")
        cues = [c for c in cues if not c.startswith("cat:researcher-access")]
        cues.append("not researcher-access: a model variant is named, but no one is given access to it")
    if "external-evaluation" in categories and _BASELINE.search(text) and not _STRONG_EVAL.search(text.replace("expert baselin", "")):
        categories.remove("external-evaluation")
        cues = [c for c in cues if not c.startswith("cat:external-evaluation")]
        cues.append("not external-evaluation: outside experts as a human baseline")
    if kind in _REPORTING_KINDS:
        tpr = next((c for c in cues if c.startswith("cat:third-party-review")), None)
        if tpr and "audit" in tpr.lower() and not _OUTSIDE_AUDITOR.search(text) and len(categories) >= 1:
            categories.remove("third-party-review")
            cues = [c for c in cues if not c.startswith("cat:third-party-review")]
            cues.append("not third-party-review: an unqualified auditor in a card (an auditing agent)")
        if "publication" in categories and not _PUBLISHING_WORD.search(text):
            categories.remove("publication")
            cues = [c for c in cues if not c.startswith("cat:publication")]
            cues.append("not publication: the card describes its own content, nothing is published")
    if kind in _CARD_KINDS and categories:
        if "external-evaluation" in categories and "external-red-teaming" not in categories and _ATTACK_WORDS.search(scan) and _NAMED_PARTY.search(scan):
            categories.append("external-red-teaming")
            cues.append(f'cat:external-red-teaming="{_ATTACK_WORDS.search(scan).group(0)}" (an outside party probing with attacks)')
        gov = _GOV_IN_CARD.search(text)
        if gov and "government-access" not in categories and ({"external-evaluation", "external-red-teaming"} & set(categories)):
            categories.append("government-access")
            cues.append(f'cat:government-access="{gov.group(0)}" (institutes or government partners)')
    internal_only = False
    if "publication" in categories and _INTERNAL_AUDIENCE.search(text) and not _OUTSIDE_AUDIENCE.search(text):
        internal_only = True
        categories.remove("publication")
        cues = [c for c in cues if not c.startswith("cat:publication")]
        cues.append("not publication: shared with an internal audience only")
    if "publication" in categories and "government-access" in categories and not _PUBLIC_AUDIENCE.search(text):
        # Information shared with a government only is government access, not publication.
        categories.remove("publication")
        cues = [c for c in cues if not c.startswith("cat:publication")]
        cues.append("not publication: shared with a government, not the public")
    if "external-evaluation" in categories and "third-party-review" in categories:
        ev = next(c for c in cues if c.startswith("cat:external-evaluation"))
        if _REVIEW_NOUN.search(ev):
            # "a third-party review that assesses …": the outside party reviews, it does not evaluate.
            categories.remove("external-evaluation")
            cues = [c for c in cues if not c.startswith("cat:external-evaluation")]
            cues.append("not external-evaluation: the outside party's role is a review or audit")
    if "external-evaluation" in categories and len(categories) > 1 and not _STRONG_EVAL.search(text):
        categories.remove("external-evaluation")
        cues = [c for c in cues if not c.startswith("cat:external-evaluation")]
        cues.append("not external-evaluation: the outside party reviews, red-teams or receives, it does not evaluate")
    ev_cue = next((c for c in cues if c.startswith("cat:external-evaluation")), "")
    if "external-evaluation" in categories and _SECURITY_TESTING.search(text) and not _NAMED_PARTY.search(ev_cue) and "expert" not in ev_cue.lower():
        cues = _drop(categories, cues, "external-evaluation", "security assurance testing (penetration tests, scans), not model evaluation")
        if "external-red-teaming" not in categories:
            categories.append("external-red-teaming")
            cues.append(f'cat:external-red-teaming="{_SECURITY_TESTING.search(text).group(0)}" (outside security testing)')
    tpr_cue = next((c for c in cues if c.startswith("cat:third-party-review")), "")
    if tpr_cue and re.search(r"build (?:trust|confidence)|compliance review", tpr_cue, re.I) and (
        not _OUTSIDE_WORD.search(text) or (_OWN_COMPLIANCE.search(text) and not _EXTERNAL_RX.search(text))
    ):
        cues = _drop(categories, cues, "third-party-review", "an aim of trust or the company's own compliance review, no outside reviewer")
    pub_cue = next((c for c in cues if c.startswith("cat:publication")), "")
    if pub_cue and (
        (_MODEL_RELEASE.search(text) and "publicly releas" in pub_cue.lower() and not _PUBLICATION_ARTEFACT.search(text))
        or (_USER_CHANNEL.search(text) and not _PUBLICATION_ARTEFACT.search(text))
    ):
        cues = _drop(categories, cues, "publication", "a model released or a user channel, nothing published about evaluations")
    gov_body = _GOV_BODY.search(text)
    if gov_body and "government-access" not in categories and {"external-evaluation", "external-red-teaming"} & set(categories):
        categories.append("government-access")
        cues.append(f'cat:government-access="{gov_body.group(0)}" (a government body tests or red-teams)')
    if "third-party-review" in categories and "external-evaluation" not in categories and _EXPERTS_ON_EVALUATION.search(text):
        categories.insert(0, "external-evaluation")
        cues.append(f'cat:external-evaluation="{_EXPERTS_ON_EVALUATION.search(text).group(0)}" (outside experts on evaluations or assessments)')
    gov_cue = next((c for c in cues if c.startswith("cat:government-access")), "")
    if gov_cue and kind not in _CARD_KINDS and _BARE_INSTITUTE.fullmatch(gov_cue.split("=", 1)[1].strip('"')) and not _INSTITUTE_ROLE.search(text):
        # "We welcome CAISI's engagement", a letterhead or a citation of the institute's own work:
        # the institute is named, but it receives, tests or is told nothing of the company's models.
        cues = _drop(categories, cues, "government-access", "an institute named without access, testing or information given")
    if "government-access" in categories and (
        (_GOV_AS_CUSTOMER.search(text) and not _GOV_TESTS.search(text)) or _GOV_AS_REGULATOR.match(gov_cue.split("=", 1)[-1].strip('"'))
    ):
        # 0.7: "Claude offers applications for government agencies" (governments as customers) or
        # "government-imposed standards would be counterproductive" (governments as regulators):
        # no government tests, reviews or is told about the company's models.
        cues = _drop(categories, cues, "government-access", "governments as customers or regulators, not as testers or recipients")
    if "publication" in categories and _SELF_CONTENT.search(next((c for c in cues if c.startswith("cat:publication")), "")) and not _PUBLICATION_ARTEFACT.search(text) and not _OUTSIDE_AUDIENCE.search(text):
        # 0.7: "For each outcome, we include a description of threat scenarios": what the document
        # itself contains, nothing published about evaluations or risk.
        cues = _drop(categories, cues, "publication", "the document's own content, nothing published for outside scrutiny")
    if "external-evaluation" in categories and _EXPERT_BASELINE.search(text) and not re.search(r"(?:third[- ]part\w*|external|independent|outside)\b", text, re.I):
        # 0.7: "a comparison to the performance of domain experts": experts as a baseline, not evaluators.
        cues = _drop(categories, cues, "external-evaluation", "experts as a performance baseline, not as evaluators")
    if "publication" in categories and _POLICY_PUBLICATION.search(text) and not _PUBLICATION_ARTEFACT_STRICT.search(text):
        # 0.7: "Publish a policy roadmap with proposals for regulation": policy advocacy, not
        # evaluations, risk reports or cards published for outside scrutiny.
        cues = _drop(categories, cues, "publication", "policy proposals published, nothing about the company's models")
    if categories and kind not in _CARD_KINDS and is_sector_advocacy(text):
        # "Governments should fund the agencies that test AI systems": what the sector should do,
        # not what the company does with its own models (the gold scope rule).
        return None
    if categories and _META_DISCOURSE.search(text) and not re.search(r"\bpublish\w*|\bwill\b", text, re.I):
        # "In this post, we discuss what third-party testing looks like": the text describing itself.
        return None
    pub_cue = next((c for c in cues if c.startswith("cat:publication")), "")
    if pub_cue and kind not in _REPORTING_KINDS and not _OUTSIDE_AUDIENCE.search(text) and (
        _INTERNAL_AUTHOR.search(text) or (re.search(r'="we (?:also )?include', pub_cue) and _SCOPE_OF_CATEGORY.search(text))
    ):
        # A report by or to the company's own team or advisory group, or a risk category's scope: nothing published.
        cues = _drop(categories, cues, "publication", "an internal team's report or the scope of a risk category")
        internal_only = True
    if not categories:
        if inherited is None or internal_only:
            return None
        if _SECURITY_PROTECT.search(text) and not _OUTSIDE_WORD.search(text):
            return None
        published_item = "publication" in inherited[0] and "lead-in" in inherited[1]
        if _INTERNAL_ONLY.search(text) and not _OUTSIDE_AUDIENCE.search(text) and not published_item:
            # (An item of a list of what will be published may well be about employees: it is
            # what is published, not who receives it.)
            return None
        categories = list(inherited[0])
        cues.append(f"scope:context ({inherited[1]})")
        lead_strength = inherited[2] if len(inherited) > 2 else None
    else:
        lead_strength = None

    if lead_strength and not _HEDGE.search(text) and not _MODAL.search(text) and not has_main_verb(text):
        # A list item completing a lead-in ("this information may include:") has its force.
        strength = lead_strength
        cues.append(f"strength:{strength} (from the lead-in of the list)")
    else:
        strength = _strength(text, kind, cues)
        strength = _outside_clause_strength(text, categories, cues, strength)
    depth = _access_depth(text, cues)
    if kind in _CARD_KINDS and {"external-evaluation", "external-red-teaming", "government-access", "third-party-review"} & set(categories):
        a4 = _CARD_A4.search(text)
        a1 = _CARD_A1.search(text)
        if a4 and depth in (None, "A0", "A1"):
            depth = "A4"
            cues.append(f'access:A4="{a4.group(0)}" (the company\'s own non-public findings shared)')
        elif a1 and depth is None:
            depth = "A1"
            cues.append(f'access:A1="{a1.group(0)}" (a pre-release model tested)')
    actors: list[str] = []
    for name, pattern in _ACTORS:
        if pattern.search(text):
            if name in _GENERIC_OVERLAP.values() and any(_GENERIC_OVERLAP.get(a) == name for a in actors):
                continue
            actors.append(name)
    timing = None
    for name, pattern in _TIMING:
        m = pattern.search(text)
        if m:
            timing = name
            cues.append(f'timing:{name}="{m.group(0)}"')
            break
    conditions = []
    for name, pattern in _CONDITIONS:
        m = pattern.search(text)
        if m:
            conditions.append(name)
            cues.append(f'condition:{name}="{m.group(0)}"')
    return Classification(
        categories=tuple(categories),
        strength=strength,
        access_depth=depth,
        actors=tuple(actors),
        timing=timing,
        conditions=tuple(conditions),
        cues=tuple(cues),
    )


_OWN_PAST = re.compile(r"\bas we (?:have|did) (?:done|\w+ed)\b|\bas we did\b", re.I)
_SECTOR_BEFORE_MODAL = re.compile(r"\b(?:companies|developers|labs|governments?|countries|organi[sz]ations|universities)\W*\s*(?:\w+\s+){0,1}$", re.I)


def _outside_clause_strength(text: str, categories: list[str], cues: list[str], strength: str) -> str:
    """When the unit's first modal governs a clause about an internal audience ("we will notify the
    Board, and we may provide public notice"), the force is that of the modal governing the clause
    about the outside party (the in-scope category's cue)."""
    words = [c.split("=", 1)[1].strip('"') for c in cues if c.startswith("cat:") and "=" in c]
    inside = _INTERNAL_AUDIENCE.search(text)
    if not words or not inside:
        return strength
    cue_at = min((text.find(w) for w in words if text.find(w) >= 0), default=-1)
    if cue_at <= inside.end():
        return strength
    modal = None
    for m in _MODAL.finditer(text, inside.end(), cue_at):
        modal = m
    if modal is None:
        return strength
    new = {"commit": "commitment", "intent": "intention", "intent0": "intention", "disc": "discretionary"}[modal.lastgroup]
    if new != strength:
        cues[:] = [c for c in cues if not c.startswith("strength:")] + [f'strength:{new}="{modal.group(0)}" (the modal of the clause about the outside party, after one about an internal audience)']
    return new


def _strength(text: str, kind: str, cues: list[str]) -> str:
    card = kind in _CARD_KINDS
    hedge = _HEDGE.search(text)
    first_modal = _MODAL.search(text)
    if hedge and first_modal and first_modal.lastgroup == "commit" and first_modal.start() < hedge.start() and re.search(r",? and,? " + re.escape(hedge.group(0)) + r",? (?:may|might|could|can)\b", text, re.I):
        # "Revisions will be made public within 30 days, and, where appropriate, may be published
        # at once": the hedge qualifies a second, additional clause; the main verb keeps its force.
        hedge = None
    if (
        hedge
        and first_modal
        and first_modal.lastgroup == "commit"
        and first_modal.start() < hedge.start()
        and not card
        and (
            re.match(r"\s*:\s*$|\s+under (?:the )?(?:law|applicable law)", text[hedge.end():])
            or re.search(r"\bas (?:much|many|soon|quickly|far|fully|closely)\b(?:\s+\S+){0,3}\s+$", text[: hedge.start()], re.I)
            or re.search(r"\bas required by (?:\w+ ){1,3}and\s+$", text[: hedge.start()], re.I)
        )
    ):
        # 0.7: "We will publish a report for each release …, including in the following circumstances,
        # as appropriate:" (the hedge ends a lead-in and bears on its list), "will provide as much detail
        # as possible" (a quantity), "redacting … as appropriate under law": the binding verb keeps its force.
        cues.append(f'strength:commitment="{first_modal.group(0)}" (binding verb before the hedge "{hedge.group(0)}")')
        return "commitment"
    if hedge and not (card and _FINDING_HEDGE.fullmatch(hedge.group(0))):
        cues.append(f'strength:discretionary="{hedge.group(0)}" (hedge)')
        return "discretionary"
    reporting = kind in _REPORTING_KINDS
    if not card and _CHANGELOG_ENTRY.match(text):
        cues.append(f'strength:practice="{_CHANGELOG_ENTRY.match(text).group(0).strip()}" (a changelog entry reports what the revision did)')
        return "practice"
    if not reporting and _DISCRETION_IMPERATIVE.match(text):
        cues.append(f'strength:discretionary="{_DISCRETION_IMPERATIVE.match(text).group(0)}" (imperative of discretion)')
        return "discretionary"
    imperative = _IMPERATIVE.match(text)
    if imperative and not reporting:
        cues.append(f'strength:commitment="{imperative.group(0)}" (imperative in a policy)')
        return "commitment"
    modal = None
    condition = _LEADING_CONDITION.match(text)
    then = re.search(r",\s*then\b", text) if condition else None
    main_from = then.end() if then and _MODAL.search(text, then.end()) else condition.end() if condition and _MODAL.search(text, condition.end()) else 0
    for m in _MODAL.finditer(text, main_from):
        if m.lastgroup != "commit" and _RELATIVE_BEFORE.search(text, 0, m.start()):
            # "analysis … to identify bottlenecks that could be unblocked": the relative clause's modal.
            continue
        # In a report, "can"/"could" say what someone was able to do, not what the company may do.
        if reporting and m.lastgroup == "disc" and _ABILITY.fullmatch(m.group(0)):
            continue
        if card and (_COMMITMENT_NOUN.fullmatch(m.group(0)) or (m.lastgroup != "commit" and not _COMPANY_BEFORE.search(text, 0, m.start()))):
            # In a card, "demonstrates our commitment" reports past work, and a hedged finding
            # ("the model may…", "results could…", "we believe") binds the company to nothing.
            continue
        modal = m
        break
    past = _past_search(text)
    own_past = _OWN_PAST.search(text)
    if modal and own_past and own_past.start() > modal.start() and _SECTOR_BEFORE_MODAL.search(text, 0, modal.start()):
        # "Companies may subcontract other companies …, as we have done with firms like X": the modal is
        # the sector's; what the unit says of the company is its past practice.
        cues.append(f'strength:practice="{own_past.group(0)}" (the company\'s own past practice; the modal is the sector\'s)')
        return "practice"
    if past and not reporting and _CONDITION_BEFORE.search(text, 0, past.start()):
        past = None
    if modal:
        group = modal.lastgroup
        strength = {"commit": "commitment", "intent": "intention", "intent0": "intention", "disc": "discretionary"}[group]
        # In a system card, a past-tense report with a modal in a subordinate clause is practice.
        if reporting and past and past.start() < modal.start() and (
            strength != "commitment" or (card and not _COMPANY_BEFORE.search(text, 0, modal.start()))
        ):
            cues.append(f'strength:practice="{past.group(0)}" (past tense before "{modal.group(0)}")')
            return "practice"
        cues.append(f'strength:{strength}="{modal.group(0)}"')
        return strength
    if past:
        cues.append(f'strength:practice="{past.group(0)}" (past tense)')
        return "practice"
    view = _STATED_VIEW.match(text)
    if view and not reporting:
        cues.append(f'strength:intention="{view.group(0).strip()}" (a stated view, not a procedure)')
        return "intention"
    current = _CURRENT_STATE.search(text)
    if current:
        cues.append(f'strength:practice="{current.group(0)}" (describes the current state)')
        return "practice"
    if reporting:
        cues.append("strength:practice (present tense in a report/system card)")
        return "practice"
    cues.append("strength:commitment (present tense standing procedure in a policy)")
    return "commitment"


def _access_depth(text: str, cues: list[str]) -> str | None:
    if not _ACCESS_CONTEXT.search(text):
        return None
    for level, pattern in _DEPTH_PATTERNS:
        m = pattern.search(text)
        if m:
            cues.append(f'access:{level}="{m.group(0)}"')
            return level
    return None
