from django.urls import path

from mangfold.web.assessments import (
    views_confirm,
    views_form,
    views_manage,
    views_review,
    views_rounds,
    views_scores,
)

app_name = "assessments"
ROUND = "<slug:network>/<slug:round_slug>/"
ONE = ROUND + "city/<slug:city>/"
urlpatterns = [
    path("", views_rounds.round_list, name="rounds"),
    path("new/", views_manage.round_new, name="round-new"),
    path("review/", views_review.queue, name="queue"),
    path(ROUND, views_rounds.round_detail, name="round"),
    path(ROUND + "edit/", views_manage.round_edit, name="round-edit"),
    path(ROUND + "invite/", views_manage.round_invite, name="round-invite"),
    path(ROUND + "archive/", views_manage.round_archive, name="round-archive"),
    path(ROUND + "delete/", views_manage.round_delete, name="round-delete"),
    path(ROUND + "results/", views_rounds.results, name="results"),
    path(ONE + "start/", views_rounds.start, name="start"),
    path(ONE, views_review.detail, name="detail"),
    path(ONE + "answers/<slug:section>/", views_form.answer_form, name="form"),
    path(ONE + "save/", views_form.save_one, name="save"),
    path(ONE + "files/<int:pk>/", views_form.attachment, name="attachment"),
    path(ONE + "history/<slug:question>/", views_scores.history, name="history"),
    path(ONE + "scorecard/", views_scores.scorecard, name="scorecard"),
    path(ONE + "review/", views_review.review, name="review"),
    path(ONE + "review/comments/", views_review.comment, name="comment"),
    path(ONE + "review/comments/<int:pk>/reply/", views_review.reply, name="reply"),
    path(ONE + "submit/", views_confirm.submit, name="submit"),
    path(ONE + "return/", views_confirm.send_back, name="return"),
    path(ONE + "approve/", views_confirm.approve, name="approve"),
    path(ONE + "publish/", views_confirm.publish, name="publish"),
]
