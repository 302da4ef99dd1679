"""The bulletin parser on the seed bulletin and on our own samples of the genre's variants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep_ingest.parsers.bulletin import parse_bulletin, split_headline

ROOT = Path(__file__).resolve().parents[2]
SEED_BULLETIN = ROOT / "seeds" / "bulletin-lead-day1007.txt"
SEEDS = ROOT / "seeds"


def test_seed_bulletin_splits_into_14_events_in_3_sections() -> None:
    bulletin = parse_bulletin(SEED_BULLETIN.read_text("utf-8"))
    assert len(bulletin.items) == 14
    assert bulletin.sections == [
        "Fighting Intensifies",
        "Political and diplomatic responses",
        "Economic and Financial Updates",
    ]
    assert [it.position for it in bulletin.items] == list(range(1, 15))
    assert [sum(1 for it in bulletin.items if it.section == s) for s in bulletin.sections] == [
        6,
        5,
        3,
    ]
    first, last = bulletin.items[0], bulletin.items[-1]
    assert first.headline == "Village Captured"
    assert first.text.startswith(
        "Russia's defence ministry said its troops had taken control of Kopanky"
    )
    assert last.headline == "Frozen Assets"
    assert bulletin.source_name == "Frontline Digest"
    assert bulletin.dateline == "Russia"
    assert bulletin.day_number == 1007
    # The closing paragraph is context, not an event.
    assert not any("second thousand days" in it.text for it in bulletin.items)


def test_key_events_style_headers_without_colon_blank_lines_and_meta() -> None:
    bulletin = parse_bulletin((SEEDS / "bulletin-keyevents-day412.txt").read_text("utf-8"))
    assert bulletin.sections == ["Fighting", "Politics and diplomacy", "Economy"]
    assert [it.section for it in bulletin.items] == ["Fighting"] * 3 + [
        "Politics and diplomacy"
    ] * 2 + ["Economy"]
    assert all(it.headline is None for it in bulletin.items)
    assert bulletin.bulletin_date == date(2025, 3, 3)
    assert bulletin.day_number == 412
    texts = " ".join(it.text for it in bulletin.items)
    assert "Published" not in texts and "live blog" not in texts and "Reuters" not in texts


def test_numbered_markdown_bullets_with_bold_headlines_and_lead_in_sentence() -> None:
    bulletin = parse_bulletin((SEEDS / "bulletin-numbered-recap.md").read_text("utf-8"))
    assert bulletin.sections == ["Military", "Legal", "Aid"]
    assert [it.headline for it in bulletin.items] == [
        "Border shelling",
        "Interceptions",
        "Evacuation order",
        "Court ruling",
        "New package",
    ]
    # A wrapped bullet continues on the next, indented line.
    assert bulletin.items[2].text.endswith("after a week of constant shelling.")
    assert not any("recap" in s.lower() for s in bulletin.sections)


def test_plain_list_without_headers_and_unindented_continuation() -> None:
    bulletin = parse_bulletin((SEEDS / "bulletin-plain-list.txt").read_text("utf-8"))
    assert bulletin.sections == []
    assert len(bulletin.items) == 4
    assert bulletin.items[1].text.endswith("as supply routes remain cut.")
    assert bulletin.source_name == "Eastern Desk"
    assert not any(it.text.startswith("Photo") for it in bulletin.items)


def test_paragraph_bulletin_without_bullets_uses_paragraphs_under_headers() -> None:
    bulletin = parse_bulletin((SEEDS / "bulletin-paragraphs-quake.txt").read_text("utf-8"))
    assert bulletin.sections == ["Damage", "Response"]
    assert len(bulletin.items) == 4
    assert bulletin.bulletin_date == date(2025, 2, 6)
    assert bulletin.title == "Earthquake update: what we know"


@pytest.mark.parametrize(
    ("bullet", "dash"),
    [("-", True), ("•", True), ("*", True), ("1.", False), ("2)", False), ("3/", False)],
)
def test_every_bullet_marker(bullet: str, dash: bool) -> None:
    body = f"Lead line of the day.\nFighting:\n{bullet} Shelling hit a school.\n{bullet} Drones were shot down.\n"
    bulletin = parse_bulletin(body)
    assert [it.text for it in bulletin.items] == [
        "Shelling hit a school.",
        "Drones were shot down.",
    ]
    assert bulletin.sections == ["Fighting"]


def test_byline_bullet_is_still_an_item_but_byline_line_is_not() -> None:
    body = "Update\nBy Jane Roe\n- Troops moved north.\n- Follow our live blog for more.\n"
    bulletin = parse_bulletin(body)
    assert [it.text for it in bulletin.items] == [
        "Troops moved north.",
        "Follow our live blog for more.",
    ]


def test_long_sentence_ending_in_colon_is_a_lead_in_not_a_header() -> None:
    body = (
        "Here is a summary of the most important things that happened in the region since Monday:\n"
        "- Talks resumed in Geneva.\n"
    )
    bulletin = parse_bulletin(body)
    assert bulletin.sections == []
    assert bulletin.items[0].section is None


@pytest.mark.parametrize(
    ("text", "headline", "rest"),
    [
        (
            "NATO Support: NATO reaffirmed its commitment.",
            "NATO Support",
            "NATO reaffirmed its commitment.",
        ),
        ("U.S. Aid: Washington approved a package.", "U.S. Aid", "Washington approved a package."),
        ("Zelensky said: we will hold the line.", None, "Zelensky said: we will hold the line."),
        ("The meeting starts at 10:30 in Geneva.", None, "The meeting starts at 10:30 in Geneva."),
        ("the reason was simple: fuel ran out.", None, "the reason was simple: fuel ran out."),
        # a colon that opens a list of names ends its sentence; it labels nothing
        (
            "Morocco accepted help from four countries: Spain, Britain, Qatar and the UAE.",
            None,
            "Morocco accepted help from four countries: Spain, Britain, Qatar and the UAE.",
        ),
        ("Sudan: El Fasher", "Sudan", "El Fasher"),
        (
            "Funding remains a critical constraint: the plan is only 30 per cent funded.",
            None,
            "Funding remains a critical constraint: the plan is only 30 per cent funded.",
        ),
        (
            "Evacuations: authorities ordered 20 villages out.",
            "Evacuations",
            "authorities ordered 20 villages out.",
        ),
        # a label naming the figure after it is read with it
        (
            "Deaths since 26 June: 706 (Punjab 164).",
            None,
            "Deaths since 26 June: 706 (Punjab 164).",
        ),
        ("Houses damaged: 1,893", None, "Houses damaged: 1,893"),
        ("Gaza City: 104 killed as crowds wait", "Gaza City", "104 killed as crowds wait"),
        ("Children in need: 15.6 million.", None, "Children in need: 15.6 million."),
        (
            "Funding gap: 68 per cent of the $1 billion.",
            None,
            "Funding gap: 68 per cent of the $1 billion.",
        ),
        ("Swap: 1,000 to Ukraine, 31 to Russia", "Swap", "1,000 to Ukraine, 31 to Russia"),
    ],
)
def test_split_headline(text: str, headline: str | None, rest: str) -> None:
    assert split_headline(text) == (headline, rest)


def test_text_without_items_has_no_events() -> None:
    assert parse_bulletin("Just one sentence of prose.").items == []


def test_copied_page_without_bullet_markers_keeps_standfirst_caption_and_meta_out() -> None:
    bulletin = parse_bulletin((SEEDS / "bulletin-copied-no-markers.txt").read_text("utf-8"))
    assert bulletin.sections == ["Fighting", "Humanitarian situation", "Diplomacy"]
    assert [it.section for it in bulletin.items] == ["Fighting"] * 2 + [
        "Humanitarian situation"
    ] * 2 + ["Diplomacy"]
    assert bulletin.day_number == 560 and bulletin.bulletin_date == date(2024, 10, 4)
    texts = " ".join(it.text for it in bulletin.items)
    assert "main developments" not in texts and "AFP" not in texts and "situation on" not in texts


def test_question_headers_and_closing_prose_after_the_lists() -> None:
    bulletin = parse_bulletin((SEEDS / "bulletin-latest-mixed.txt").read_text("utf-8"))
    assert bulletin.sections == ["Key developments on March 7", "What happened overnight?"]
    assert len(bulletin.items) == 5
    assert not any("full-scale invasion" in it.text for it in bulletin.items)


@pytest.mark.parametrize(
    "title",
    ["Sudan: what we know so far", "UKRAINE SUMMARY 0600 GMT", "SUDAN DIGEST", "Haiti at a glance"],
)
def test_a_title_right_above_the_bullets_is_the_title_not_a_section(title: str) -> None:
    bulletin = parse_bulletin(f"{title}\n- Troops moved north.\n- Talks resumed in Geneva.\n")
    assert bulletin.sections == []
    assert bulletin.title == title
    assert [it.section for it in bulletin.items] == [None, None]


def test_a_first_line_header_stays_a_section_when_others_follow() -> None:
    body = "Fighting\n- Troops moved north.\nDiplomacy\n- Talks resumed in Geneva.\n"
    assert parse_bulletin(body).sections == ["Fighting", "Diplomacy"]


@pytest.mark.parametrize(
    "lead_in",
    ["Here's a recap of the latest developments:", "These are the main events:", "Below:"],
)
def test_a_short_sentence_ending_in_colon_is_a_lead_in(lead_in: str) -> None:
    bulletin = parse_bulletin(f"War latest\n\n{lead_in}\n\n- Troops moved north.\n")
    assert bulletin.sections == []
    assert bulletin.items[0].section is None


def test_a_lead_in_above_paragraphs_is_not_an_item() -> None:
    bulletin = parse_bulletin(
        "War live: key events\n\nHere is a summary of the main developments so far today:\n\n"
        "The army said it had begun a ground operation.\n\nTalks resumed in Doha.\n"
    )
    assert [it.text for it in bulletin.items] == [
        "The army said it had begun a ground operation.",
        "Talks resumed in Doha.",
    ]


@pytest.mark.parametrize(
    "label", ["17-18 September", "November 2023", "Monday", "March 3", "3 March 2025"]
)
def test_a_date_label_is_not_a_headline(label: str) -> None:
    text = f"{label}: Pagers exploded across Lebanon."
    assert split_headline(text) == (None, text)


def test_date_labelled_lines_are_items_among_bullets_and_on_their_own() -> None:
    mixed = parse_bulletin(
        "Key events\n- The army retook the palace in Khartoum.\n- Drones hit Port Sudan.\n\n"
        "17-18 September: Pagers exploded across Lebanon, killing 12.\n"
        "19 September: Israel struck Beirut.\n\nWe will keep this page updated.\n"
    )
    assert mixed.items[2].text.endswith("Pagers exploded across Lebanon, killing 12.")
    assert mixed.items[3].text.endswith("Israel struck Beirut.")
    assert len(mixed.items) == 4  # the closing line stays context
    # a timeline without bullets: its first line is an item, not the title
    timeline = parse_bulletin(
        "17-18 September: Pagers exploded across Lebanon, killing 12.\n"
        "19 September: Israel struck Beirut.\n"
    )
    assert len(timeline.items) == 2 and timeline.title is None


def test_paragraphs_under_headers_are_items_beside_bulleted_highlights() -> None:
    body = (
        "Country X: Situation Report\n"
        "Last updated: 24 April\n\n"
        "HIGHLIGHTS\n"
        "- Thousands fled the camp after it was seized.\n"
        "- Water supplies are stretched in the town.\n\n"
        "SITUATION OVERVIEW\n"
        "Drones struck the power station, causing blackouts across the state.\n\n"
        "The army consolidated control of the city centre.\n\n"
        "FUNDING\n"
        "The response plan seeks US$4.2 billion; it is 10 per cent funded.\n"
    )
    bulletin = parse_bulletin(body)
    assert [(it.section, it.text[:12]) for it in bulletin.items] == [
        ("HIGHLIGHTS", "Thousands fl"),
        ("HIGHLIGHTS", "Water suppli"),
        ("SITUATION OVERVIEW", "Drones struc"),
        ("SITUATION OVERVIEW", "The army con"),
        ("FUNDING", "The response"),
    ]


def test_a_paragraph_between_a_header_and_its_bullets_introduces_them() -> None:
    body = (
        "Flash Update No. 2\n\n"
        "Situation overview\n"
        "A strong earthquake struck the district overnight. The following is the latest.\n\n"
        "- The government reports 153 people dead.\n"
        "- Roads to the villages are blocked.\n"
    )
    assert [it.text[:10] for it in parse_bulletin(body).items] == ["The govern", "Roads to t"]


def test_a_live_blogs_posts_keep_their_headlines_long_or_short() -> None:
    body = (
        "Ukraine war latest\n\n"
        "Blackouts across Ukraine after a massive strike on the energy grid\n"
        "Rolling power cuts were imposed in most regions on Saturday after the attack.\n\n"
        "Three killed in Dnipro\n"
        "Three people were killed and 12 injured when a missile hit an industrial site.\n\n"
        "Prisoner swap\n"
        "Ukraine and Russia exchanged 84 prisoners each in a deal mediated by the UAE.\n"
    )
    bulletin = parse_bulletin(body)
    assert [(it.section, it.headline) for it in bulletin.items] == [
        (None, "Blackouts across Ukraine after a massive strike on the energy grid"),
        (None, "Three killed in Dnipro"),
        (None, "Prisoner swap"),
    ]
    assert bulletin.items[0].text.startswith("Rolling power cuts")
    assert bulletin.sections == []


def test_sections_over_several_paragraphs_stay_sections() -> None:
    body = (
        "Daily digest\n\n"
        "Fighting\n"
        "Russian forces attacked near Pokrovsk on Friday.\n\n"
        "Ukrainian drones struck a refinery in Samara.\n\n"
        "Diplomacy\n"
        "Talks continued in Geneva.\n\n"
        "The Kremlin said it had no text of the plan.\n"
    )
    bulletin = parse_bulletin(body)
    assert [it.section for it in bulletin.items] == [
        "Fighting",
        "Fighting",
        "Diplomacy",
        "Diplomacy",
    ]
    assert all(it.headline is None for it in bulletin.items)


def test_a_standfirst_above_a_live_blogs_first_post_is_not_an_item() -> None:
    body = (
        "Tripoli clashes: the day in brief\n\n"
        "Gunfire erupted across the capital on Monday night after a militia leader was killed.\n\n"
        "Militia chief killed\n"
        "The head of the Stability Support Apparatus was shot dead at a rival brigade's camp.\n\n"
        "Truce\n"
        "The defence ministry announced a ceasefire on Wednesday.\n"
    )
    bulletin = parse_bulletin(body)
    assert [(it.section, it.headline) for it in bulletin.items] == [
        (None, "Militia chief killed"),
        (None, "Truce"),
    ]
    assert bulletin.title == "Tripoli clashes: the day in brief"


def test_a_long_title_line_above_sections_is_the_heading_a_long_sentence_is_not() -> None:
    title = "DEMOCRATIC REPUBLIC OF THE CONGO: North Kivu and Ituri - Flash Update No. 4 (as of 21 November)"
    body = f"{title}\n\nHIGHLIGHTS\n- Clashes displaced 65,000 people.\n\nRESPONSE\n- WFP delivered food.\n"
    assert parse_bulletin(body).heading == title
    lead = (
        "Fighting spread across the province this week as armed groups pushed towards the "
        "capital, and aid agencies warned of a new wave of displacement."
    )
    body = f"{lead}\n\nHIGHLIGHTS\n- Clashes displaced 65,000 people.\n"
    assert parse_bulletin(body).heading is None


def test_a_wire_headline_without_a_full_stop_is_the_heading() -> None:
    headline = "Israeli strikes kill three in south Lebanon as army says it hit Hezbollah sites"
    story = (
        "BEIRUT, Dec 4 (Reuters) - Israeli strikes on two villages killed three people.\n\n"
        "A drone strike on a car in the village of Yater killed two men.\n"
    )
    assert parse_bulletin(f"{headline}\n\n{story}").heading == headline
    sentence = f"{headline}, and the army said it would go on."
    assert parse_bulletin(f"{sentence}\n\n{story}").heading is None


def test_stamped_posts_above_a_day_header_are_items_not_a_standfirst() -> None:
    body = (
        "Bridge blast - as it happened\n\n"
        "06:07 - An explosion has hit the bridge, setting fuel tanks on a train ablaze.\n"
        "09:40 - Investigators say a truck blew up on the road section.\n"
        "Next day\n"
        "21:05 - The president calls the explosion a terrorist act.\n"
        "Two days later\n"
        "08:20 - Missiles hit the capital during the morning rush hour.\n"
    )
    bulletin = parse_bulletin(body)
    # one post under each day: the day lines read as the posts' headlines
    assert [(it.headline, it.text[:5]) for it in bulletin.items] == [
        (None, "06:07"),
        (None, "09:40"),
        ("Next day", "21:05"),
        ("Two days later", "08:20"),
    ]
    assert "Bridge blast - as it happened" in (bulletin.title, bulletin.lead)
    # with one day header, it is a section
    one = parse_bulletin(body.split("Two days later")[0])
    assert [(it.section, it.text[:5]) for it in one.items] == [
        (None, "06:07"),
        (None, "09:40"),
        ("Next day", "21:05"),
    ]


def test_a_time_stamp_alone_on_its_line_is_neither_a_section_nor_an_item() -> None:
    body = (
        "Russia-Ukraine war live: key events\n\n"
        "14.32 BST\n\n"
        "**Kharkiv:** Two people were killed in a glide bomb strike on the city.\n\n"
        "13.05 BST\n\n"
        "**Diplomacy:** Zelenskyy met Macron in Paris.\n\n"
        "• Russia said it downed 40 drones over Bryansk.\n"
        "• Ukraine said it hit an oil depot in Kursk.\n"
    )
    bulletin = parse_bulletin(body)
    # the stamped posts are items beside the bulleted summary, not context
    assert [(it.section, it.headline, it.text[:12]) for it in bulletin.items] == [
        (None, "Kharkiv", "Two people w"),
        (None, "Diplomacy", "Zelenskyy me"),
        (None, None, "Russia said "),
        (None, None, "Ukraine said"),
    ]
    posts = parse_bulletin(
        "Live\n\n14.32 BST\nTwo people were killed in Kharkiv, the governor said.\n\n"
        "9.45am GMT\nZelenskyy met Macron in Paris to discuss air defence.\n"
    )
    assert [it.text[:9] for it in posts.items] == ["Two peopl", "Zelenskyy"]


def test_a_posted_at_stamp_parts_posts_and_leaves_each_its_headline() -> None:
    body = (
        "Ukraine war: live\n\nPosted at 09:12\nKyiv hit by overnight attack\n"
        "At least four people were killed in Kyiv, the city's administration said.\n\n"
        "Posted at 10:05\nZelensky: Europe must decide on frozen assets\n"
        "President Volodymyr Zelensky urged EU leaders to approve the loan.\n"
    )
    bulletin = parse_bulletin(body)
    assert [(it.section, it.headline, it.text[:12]) for it in bulletin.items] == [
        (None, "Kyiv hit by overnight attack", "At least fou"),
        (None, "Zelensky: Europe must decide on frozen assets", "President Vo"),
    ]


def test_pinned_breaking_and_dated_stamps_are_furniture_of_a_live_page() -> None:
    body = (
        "Israel-Gaza live\n\nKey event\n2h ago\nIsraeli strikes kill 12 in Gaza City\n"
        "Israeli strikes killed 12 people in Gaza City overnight, the civil defence said.\n\n"
        "Share\n\nPinned post\n1h ago\nHamas hands over remains\n"
        "Hamas handed over the remains of a hostage to the Red Cross on Tuesday.\n"
        "Copy link\n\nBREAKING\nCeasefire talks resume in Cairo\n"
        "Negotiators resumed talks in Cairo on the second phase of the ceasefire.\n"
    )
    assert [(it.section, it.headline) for it in parse_bulletin(body).items] == [
        (None, "Israeli strikes kill 12 in Gaza City"),
        (None, "Hamas hands over remains"),
        (None, "Ceasefire talks resume in Cairo"),
    ]
    dated = (
        "Sudan: the day's updates\n\n12 November 2025, 14:30\nRSF drone hits El Obeid\n"
        "An RSF drone struck a fuel depot in El Obeid, starting a fire, witnesses said.\n\n"
        "From 09:10 GMT\nAid convoy reaches Tawila\n"
        "A WFP convoy of 20 trucks reached Tawila with food for 50,000 people.\n"
    )
    assert [it.text[:12] for it in parse_bulletin(dated).items] == [
        "An RSF drone",
        "A WFP convoy",
    ]


def test_a_header_over_a_labelled_paragraph_is_its_section_and_emoji_are_markers() -> None:
    body = (
        "# Sudan situation update\n\n### Darfur\n"
        "**El Fasher:** RSF fighters looted the Saudi hospital, MSF said.\n\n"
        "### Kordofan\n**Babanusa:** The army said it repelled an attack on the base.\n"
    )
    bulletin = parse_bulletin(body)
    assert [(it.section, it.headline, it.text[:9]) for it in bulletin.items] == [
        ("Darfur", "El Fasher", "RSF fight"),
        ("Kordofan", "Babanusa", "The army "),
    ]
    assert bulletin.sections == ["Darfur", "Kordofan"]
    channel = (
        "Ukraine daily brief\n\n"
        "\U0001f534 Russian drones hit Odesa port overnight, injuring three dock workers.\n"
        "\u26a1\ufe0f Ukraine's army says it repelled 40 assaults near Pokrovsk.\n"
        "\U0001f1fa\U0001f1e6 Zelensky to meet Trump in Washington on Friday.\n"
    )
    assert [it.text[:9] for it in parse_bulletin(channel).items] == [
        "Russian d",
        "Ukraine's",
        "Zelensky ",
    ]
    assert [it.text for it in parse_bulletin("Notes\n\n-5 degrees overnight.\n").items] == [
        "-5 degrees overnight."  # a sign, not a marker
    ]


def test_a_live_pages_furniture_lines_are_not_items() -> None:
    body = (
        "Middle East crisis live\n\n12m ago\nIsraeli strike hits Beirut southern suburbs\n\n"
        "An Israeli strike hit a building in the Dahiyeh, killing three people.\n\n"
        "Updated at 14.32 BST\n\n1h ago\nHezbollah fires rockets at Haifa\n\n"
        "Hezbollah said it fired a salvo of rockets at a naval base near Haifa.\n\nShare\n"
    )
    texts = [it.text[:12] for it in parse_bulletin(body).items]
    assert texts == ["An Israeli s", "Hezbollah sa"]


def test_a_short_label_before_a_dash_is_the_items_headline() -> None:
    body = (
        "World at a glance\n\n"
        "- **Gaza** – Israeli strikes killed 20 people in Khan Younis, the ministry said.\n"
        "- UKRAINE - Russian drones hit Odesa overnight, injuring five.\n"
        "- Israel - Hamas talks resumed in Cairo on Monday.\n"
        "- Russian drones hit Odesa again - governor\n"
    )
    assert [(it.headline, it.text[:14]) for it in parse_bulletin(body).items] == [
        ("Gaza", "Israeli strike"),
        ("UKRAINE", "Russian drones"),
        (None, "Israel - Hamas"),  # a spaced hyphen between names joins them
        (None, "Russian drones"),
    ]


def test_a_long_first_question_heads_its_answer_and_loses_nothing() -> None:
    body = (
        "The Red Sea crisis: your questions answered\n\n"
        "What happened to the ships sunk in July?\n"
        "The Houthis sank two bulk carriers within a week.\n\n"
        "What has Israel hit?\n"
        "Israeli jets struck Hodeidah port.\n"
    )
    bulletin = parse_bulletin(body)
    assert bulletin.lead == "The Red Sea crisis: your questions answered"
    assert [(i.headline, i.text) for i in bulletin.items] == [
        (
            "What happened to the ships sunk in July?",
            "The Houthis sank two bulk carriers within a week.",
        ),
        ("What has Israel hit?", "Israeli jets struck Hodeidah port."),
    ]


def test_a_stamped_posts_headline_may_stand_apart_and_hold_a_colon() -> None:
    body = (
        "Ukraine war live\n\n09:41\nFastiv railway station wrecked\n\n"
        "A Russian drone strike destroyed the station building in Fastiv.\n\n"
        '12:15\nZelensky: "Moscow wants to break us"\n\n'
        "Volodymyr Zelensky said the attack showed Russia was not serious about peace.\n"
    )
    bulletin = parse_bulletin(body)
    assert [(it.section, it.headline, it.text[:9]) for it in bulletin.items] == [
        (None, "Fastiv railway station wrecked", "A Russian"),
        (None, 'Zelensky: "Moscow wants to break us"', "Volodymyr"),
    ]


def test_a_bold_lead_sentence_is_the_items_headline() -> None:
    body = (
        "Ukraine war latest\n\n"
        "**Russian attack on Ternopil kills 3.** A Russian missile hit a residential building.\n\n"
        "**Orban visits Moscow**. Viktor Orban met Vladimir Putin in the Kremlin.\n\n"
        "**Kyiv:** Power was cut in three districts.\n\n"
        "**Ukraine** says it downed 40 drones overnight.\n"
    )
    assert [(it.headline, it.text[:12]) for it in parse_bulletin(body).items] == [
        ("Russian attack on Ternopil kills 3", "A Russian mi"),
        ("Orban visits Moscow", "Viktor Orban"),
        ("Kyiv", "Power was cu"),
        (None, "Ukraine says"),
    ]
    bullets = "Briefing\n\n- **Drones hit Odesa.** Two people were hurt.\n- Kyiv was calm.\n"
    assert [(it.headline, it.text) for it in parse_bulletin(bullets).items] == [
        ("Drones hit Odesa", "Two people were hurt."),
        (None, "Kyiv was calm."),
    ]


def test_a_wire_storys_datelined_first_paragraph_is_an_item_not_a_title() -> None:
    body = (
        "KYIV, Ukraine (AP) — A Russian missile and drone barrage killed at least six people "
        "in Kyiv overnight, city officials said Saturday.\n\n"
        "The head of the city's military administration said 35 people were wounded.\n\n"
        "MOSCOW (AP) — Russia's Defense Ministry said its air defenses downed 41 drones.\n"
    )
    b = parse_bulletin(body)
    assert [item.text[:4] for item in b.items] == ["KYIV", "The ", "MOSC"]
    assert b.title is None and (b.dateline, b.source_name) == ("KYIV, Ukraine", "AP")
    # a standfirst without a dateline stays the document's lead
    titled = parse_bulletin("Russia pounds Kyiv\n\n" + body)
    assert titled.heading == "Russia pounds Kyiv" and len(titled.items) == 3


def test_the_story_under_a_summary_list_is_items_but_one_closing_line_is_not() -> None:
    story = parse_bulletin(
        "Ukraine war latest\n\nKey developments on Dec. 2:\n\n"
        "- Naval drones hit two tankers in the Black Sea\n"
        "- Drone strike on Dnipro kills four\n\n"
        "Ukrainian sea drones struck two oil tankers near Turkey's coast on Nov. 28.\n\n"
        "Turkey's Foreign Ministry condemned the attacks.\n\n"
        "A Russian drone attack on Dnipro killed four people and injured 40.\n"
    )
    assert [item.text for item in story.items][2:] == [
        "Ukrainian sea drones struck two oil tankers near Turkey's coast on Nov. 28.",
        "Turkey's Foreign Ministry condemned the attacks.",
        "A Russian drone attack on Dnipro killed four people and injured 40.",
    ]
    closing = parse_bulletin(
        "Key events\n- The army retook the palace in Khartoum.\n- Drones hit Port Sudan.\n\n"
        "The war began in April 2023.\n"
    )
    assert len(closing.items) == 2


def test_a_standfirst_that_says_what_the_document_is_is_no_item() -> None:
    body = (
        "Europe's hybrid war: the week's key developments\n\n"
        "Drones, sabotage and expelled diplomats: a round-up of the incidents governments "
        "blame on Russia.\n\n"
        "Poland closed the last Russian consulate on its territory.\n\n"
        "Copenhagen airport suspended flights after drones were seen over the runways.\n"
    )
    bulletin = parse_bulletin(body)
    assert [it.text[:6] for it in bulletin.items] == ["Poland", "Copenh"]
    assert bulletin.heading == "Europe's hybrid war: the week's key developments"
    story = "Kyiv: overnight attack\n\nA Russian drone hit a block of flats.\n\nTwo died.\n"
    assert len(parse_bulletin(story).items) == 2  # a story's first paragraph stays an item


def test_a_short_bullet_over_a_paragraph_is_its_headline() -> None:
    body = (
        "Campaign trail: day's briefs\n\n"
        "* 30 arrested\n"
        "Police said 30 people were arrested for inciting violence and blocking roads.\n\n"
        "* Museveni in Gulu\n"
        "President Yoweri Museveni promised a new hospital during a rally in Gulu.\n\n"
        "* Police fired tear gas at supporters in Mbarara, and\n"
        "Kampala as the rally was dispersed.\n"
    )
    items = parse_bulletin(body).items
    assert [(it.headline, it.text[:12]) for it in items[:2]] == [
        ("30 arrested", "Police said "),
        ("Museveni in Gulu", "President Yo"),
    ]
    # a wrapped line of a long bullet stays its text
    assert items[2].headline is None and items[2].text.endswith("dispersed.")


def test_a_channel_posts_emoji_title_alert_labels_and_marks() -> None:
    body = (
        "⚡️ Morning digest | 14 November\n\n"
        "🔴 BREAKING: Russian missiles hit Kyiv overnight, killing four.\n"
        "🇸🇩 Sudan: RSF drone hits power station in Atbara.\n"
        "‼️ Israel says it will reopen the Allenby crossing on Sunday.\n"
    )
    bulletin = parse_bulletin(body)
    assert bulletin.heading == "⚡️ Morning digest | 14 November"
    assert [(it.headline, it.text) for it in bulletin.items] == [
        (None, "Russian missiles hit Kyiv overnight, killing four."),
        ("Sudan", "RSF drone hits power station in Atbara."),
        (None, "Israel says it will reopen the Allenby crossing on Sunday."),
    ]
    # an emoji-marked first line that is an item stays one
    post = "🔴 Russian missiles hit Kyiv overnight, killing four.\n🔴 Drones hit Odesa.\n"
    assert len(parse_bulletin(post).items) == 2


def test_posts_whose_headlines_are_too_long_for_sections_beside_short_ones() -> None:
    """A post's headline of too many words for a section stays its post's; the first post
    is no standfirst, and the next keeps its own headline."""
    body = (
        "The Latest: Israel and Iran trade strikes for a fourth day\n\n"
        "Here's the latest:\n\n"
        "Iranian missiles hit Haifa's oil refinery and Tel Aviv\n"
        "Iranian missiles struck the Bazan oil refinery in Haifa overnight, killing eight people.\n\n"
        "Israel strikes Iran's state broadcaster\n"
        "Israeli warplanes hit the headquarters of Iran's state broadcaster IRIB in Tehran.\n\n"
        "Iran's health ministry says 224 people killed since Friday\n"
        "Iran says at least 224 people have been killed in Israeli strikes since Friday.\n\n"
        "Trump urges everyone to evacuate Tehran\n"
        "US President Donald Trump posted that everyone should immediately evacuate Tehran.\n"
    )
    bulletin = parse_bulletin(body)
    assert [(it.section, it.headline, it.text.split()[0]) for it in bulletin.items] == [
        (None, "Iranian missiles hit Haifa's oil refinery and Tel Aviv", "Iranian"),
        (None, "Israel strikes Iran's state broadcaster", "Israeli"),
        (None, "Iran's health ministry says 224 people killed since Friday", "Iran"),
        (None, "Trump urges everyone to evacuate Tehran", "US"),
    ]
