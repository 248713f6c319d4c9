"""Meta webhook deliveries mapped to posts: feed, Messenger, Instagram, several entries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sojournal.models import Post
from sojournal.platforms.sources import BadRecord, posts_from_delivery, read_delivery

PAGE = "104567890"


def feed(value: dict[str, Any]) -> dict[str, Any]:
    return {"field": "feed", "value": value}


def comment(verb: str = "add", message: str | None = None, **extra: Any) -> dict[str, Any]:
    value: dict[str, Any] = {
        "item": "comment",
        "verb": verb,
        "comment_id": "7788_9901",
        "post_id": f"{PAGE}_7788",
        "parent_id": f"{PAGE}_7788",
        "from": {"id": "5551", "name": "Mette Hansen"},
        "created_time": 1709626500,
        "post": {"status_type": "added_photos", "id": f"{PAGE}_7788"},
    }
    if message is not None:
        value["message"] = message
    value.update(extra)
    return feed(value)


def page_delivery(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"object": "page", "entry": list(entries)}


def test_several_entries_and_changes_in_one_delivery() -> None:
    delivery = page_delivery(
        {
            "id": PAGE,
            "time": 1709626600,
            "changes": [
                comment(message="Der er hul i vejen på Skolevej 4, nogen er væltet på cykel"),
                feed(
                    {
                        "item": "reaction",
                        "verb": "add",
                        "reaction_type": "like",
                        "post_id": f"{PAGE}_7788",
                        "from": {"id": "5552"},
                    }
                ),
                feed(
                    {
                        "item": "status",
                        "verb": "add",
                        "post_id": f"{PAGE}_8000",
                        "message": "Husk at stemme til kommunalvalget!",
                        "published": 1,
                        "from": {"id": PAGE, "name": "Vejle Kommune"},
                        "created_time": 1709620000,
                    }
                ),
            ],
        },
        {
            "id": PAGE,
            "time": 1709626700,
            "changes": [
                feed(
                    {
                        "item": "comment",
                        "verb": "add",
                        "comment_id": "7788_9902",
                        "post_id": f"{PAGE}_7788",
                        "parent_id": "7788_9901",
                        "message": "Det samme skete for min datter",
                        "from": {"id": "5553"},
                        "created_time": 1709626700,
                    }
                ),
                feed(
                    {
                        "item": "photo",
                        "verb": "add",
                        "post_id": f"{PAGE}_8001",
                        "photo_id": "8001",
                        "link": "https://scontent.example/p.jpg",
                        "from": {"id": "5554", "name": "Ali Yilmaz"},
                        "created_time": 1709626800,
                    }
                ),
            ],
        },
    )
    posts = posts_from_delivery(delivery)
    assert [(p.id, p.channel, p.kind) for p in posts] == [
        ("7788_9901", "facebook_comment", "comment"),
        (f"{PAGE}_8000", "facebook_post", "status"),
        ("7788_9902", "facebook_comment", "comment"),
        (f"{PAGE}_8001", "facebook_post", "photo"),
    ]
    first, status, reply, photo = posts
    assert first.thread_id == f"{PAGE}_7788" and first.post_id == f"{PAGE}_7788"
    assert first.page_id == PAGE and first.author == "Mette Hansen" and first.author_id == "5551"
    assert first.created == datetime(2024, 3, 5, 8, 15, tzinfo=UTC)
    assert not first.from_page and status.from_page
    assert reply.parent_id == "7788_9901" and reply.thread_id == f"{PAGE}_7788"
    assert reply.author is None
    assert photo.attachments[0].kind == "photo"
    assert photo.attachments[0].url == "https://scontent.example/p.jpg"


def test_an_edit_is_a_new_version_and_a_redelivery_is_not() -> None:
    original = posts_from_delivery(
        page_delivery({"id": PAGE, "changes": [comment(message="Hvornår åbner biblioteket?")]})
    )[0]
    redelivered = posts_from_delivery(
        page_delivery({"id": PAGE, "changes": [comment(message="Hvornår åbner biblioteket?")]})
    )[0]
    edited = posts_from_delivery(
        page_delivery(
            {
                "id": PAGE,
                "changes": [comment("edited", message="Hvornår åbner biblioteket i Jelling?")],
            }
        )
    )[0]
    assert edited.verb == "edited" and edited.id == original.id
    assert original.idempotency_key == redelivered.idempotency_key
    assert edited.idempotency_key != original.idempotency_key
    # The export of the final text (no version either) matches the webhook's key.
    exported = Post(
        id=original.id, channel="facebook_comment", text="Hvornår åbner biblioteket i Jelling?"
    )
    assert exported.idempotency_key == edited.idempotency_key


def test_verb_aliases_and_ignored_verbs() -> None:
    posts = posts_from_delivery(
        page_delivery(
            {
                "id": PAGE,
                "changes": [
                    comment("edit", message="Rettet"),
                    comment("delete"),
                    comment("block"),
                    comment("mute"),
                ],
            }
        )
    )
    assert [p.verb for p in posts] == ["edited", "remove"]


def test_remove_and_hide_verbs_carry_no_text() -> None:
    posts = posts_from_delivery(
        page_delivery(
            {
                "id": PAGE,
                "changes": [
                    comment("remove"),
                    comment("hide"),
                    comment("unhide"),
                    feed(
                        {
                            "item": "post",
                            "verb": "remove",
                            "post_id": f"{PAGE}_8000",
                            "from": {"id": PAGE},
                        }
                    ),
                ],
            }
        )
    )
    assert [(p.verb, p.channel, p.text) for p in posts] == [
        ("remove", "facebook_comment", ""),
        ("hide", "facebook_comment", ""),
        ("unhide", "facebook_comment", ""),
        ("remove", "facebook_post", ""),
    ]


def test_messenger_incoming_echo_and_attachments_only() -> None:
    delivery = page_delivery(
        {
            "id": PAGE,
            "time": 1709626500123,
            "messaging": [
                {
                    "sender": {"id": "PSID42"},
                    "recipient": {"id": PAGE},
                    "timestamp": 1709626500123,
                    "message": {
                        "mid": "m_abc",
                        "text": "Hej, jeg skal bruge hjælp til min boligsag",
                    },
                },
                {
                    "sender": {"id": PAGE},
                    "recipient": {"id": "PSID42"},
                    "timestamp": 1709626560000,
                    "message": {
                        "mid": "m_def",
                        "text": "Skriv til os via Digital Post",
                        "is_echo": True,
                        "app_id": 1234,
                    },
                },
                {
                    "sender": {"id": "PSID42"},
                    "recipient": {"id": PAGE},
                    "timestamp": 1709626600000,
                    "message": {
                        "mid": "m_ghi",
                        "attachments": [
                            {
                                "type": "image",
                                "payload": {"url": "https://cdn.example/afgørelse.jpg"},
                            },
                            {"type": "file", "payload": {"url": "https://cdn.example/klage.pdf"}},
                        ],
                    },
                },
                {
                    "sender": {"id": "PSID42"},
                    "recipient": {"id": PAGE},
                    "timestamp": 1709626601000,
                    "read": {"watermark": 1709626600000},
                },
            ],
        }
    )
    incoming, echo, pictures = posts_from_delivery(delivery)
    assert (incoming.id, incoming.channel, incoming.from_page) == ("m_abc", "messenger", False)
    assert incoming.author_id == "PSID42" and incoming.page_id == PAGE
    assert incoming.created == datetime(2024, 3, 5, 8, 15, 0, 123000, tzinfo=UTC)
    assert echo.from_page and echo.author_id == PAGE
    assert incoming.thread_id == echo.thread_id == pictures.thread_id == f"{PAGE}:PSID42"
    assert pictures.text == ""
    assert [(a.kind, a.url) for a in pictures.attachments] == [
        ("image", "https://cdn.example/afgørelse.jpg"),
        ("file", "https://cdn.example/klage.pdf"),
    ]
    assert pictures.idempotency_key != incoming.idempotency_key


def test_messenger_message_edit() -> None:
    (edit,) = posts_from_delivery(
        page_delivery(
            {
                "id": PAGE,
                "messaging": [
                    {
                        "sender": {"id": "PSID42"},
                        "recipient": {"id": PAGE},
                        "timestamp": 1709626700000,
                        "message_edit": {
                            "mid": "m_abc",
                            "text": "Rettelse: det er min lejesag",
                            "num_edit": 1,
                        },
                    },
                ],
            }
        )
    )
    assert (edit.id, edit.verb, edit.text) == ("m_abc", "edited", "Rettelse: det er min lejesag")


def test_instagram_comments_and_replies() -> None:
    delivery = {
        "object": "instagram",
        "entry": [
            {
                "id": "17841400000000000",
                "time": 1709626500,
                "changes": [
                    {
                        "field": "comments",
                        "value": {
                            "id": "18000000000000001",
                            "text": "Flot billede af havnen! 😍",
                            "from": {"id": "9001", "username": "aarhus_anna"},
                            "media": {"id": "18100000000000000", "media_product_type": "FEED"},
                        },
                    },
                    {
                        "field": "comments",
                        "value": {
                            "id": "18000000000000002",
                            "text": "Tak Anna!",
                            "from": {"id": "17841400000000000", "username": "kommunen"},
                            "media": {"id": "18100000000000000"},
                            "parent_id": "18000000000000001",
                        },
                    },
                    {"field": "mentions", "value": {"media_id": "1", "comment_id": "2"}},
                ],
            },
        ],
    }
    top, reply = posts_from_delivery(delivery)
    assert (top.channel, top.author, top.post_id) == (
        "instagram_comment",
        "aarhus_anna",
        "18100000000000000",
    )
    assert top.parent_id == top.thread_id == "18100000000000000"
    assert top.created == datetime(2024, 3, 5, 8, 15, tzinfo=UTC)
    assert reply.parent_id == "18000000000000001" and reply.from_page
    assert top.platform == "instagram"


def test_broken_events_are_bad_records_without_text() -> None:
    results = read_delivery(
        page_delivery(
            {
                "id": PAGE,
                "changes": [
                    feed({"item": "comment", "verb": "add", "message": "Mit cpr er 010203-1234"}),
                    comment(message="Fint"),
                ],
            }
        ),
        path="capture.json",
        line=3,
    )
    bad, good = results
    assert isinstance(bad, BadRecord) and isinstance(good, Post)
    assert str(bad) == "capture.json:3: entry[0].changes[0].value.comment_id: missing id"
    assert read_delivery({"hello": 1}) != [] and posts_from_delivery({"hello": 1}) == []
