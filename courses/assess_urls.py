app_name = "assess"

urlpatterns: list = []
