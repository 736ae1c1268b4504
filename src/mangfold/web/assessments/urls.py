from django.urls import path

from mangfold.web.assessments import views_form, views_review, views_rounds, views_scores

app_name = "assessments"
ONE = "<slug:network>/<slug:round_slug>/city/<slug:city>/"
urlpatterns = [
    path("", views_rounds.round_list, name="rounds"),
    path("<slug:network>/<slug:round_slug>/", views_rounds.round_detail, name="round"),
    path("<slug:network>/<slug:round_slug>/results/", views_rounds.results, name="results"),
    path(ONE + "start/", views_rounds.start, name="start"),
    path(ONE, views_review.detail, name="detail"),
    path(ONE + "answers/<slug:section>/", views_form.answer_form, name="form"),
    path(ONE + "save/", views_form.save_one, name="save"),
    path(ONE + "files/<int:pk>/", views_form.attachment, name="attachment"),
    path(ONE + "history/<slug:question>/", views_scores.history, name="history"),
    path(ONE + "scorecard/", views_scores.scorecard, name="scorecard"),
    path(ONE + "submit/", views_review.submit, name="submit"),
    path(ONE + "return/", views_review.send_back, name="return"),
    path(ONE + "approve/", views_review.approve, name="approve"),
    path(ONE + "publish/", views_review.publish, name="publish"),
]
