"""JSON API for provinces, communes, villages, markets and streets."""
from flask.views import MethodView
from flask_smorest import Blueprint

from market.auth.principal import current_principal
from market.places import services
from market.places.schemas import (
    CommuneQuerySchema,
    CommuneSchema,
    PlaceQuerySchema,
    PlaceSchema,
    PlaceUpdateSchema,
    ProvinceSchema,
    VillageSchema,
    VillageUpdateSchema,
)

blueprint = Blueprint("places_api", __name__, url_prefix="/api/v1",
                      description="Tỉnh, xã, thôn, chợ, tuyến đường")


@blueprint.route("/provinces")
@blueprint.response(200, ProvinceSchema(many=True))
def provinces():
    """List the 34 provinces."""
    return services.list_provinces()


@blueprint.route("/communes")
@blueprint.arguments(CommuneQuerySchema, location="query")
@blueprint.response(200, CommuneSchema(many=True))
def communes(args):
    """List communes, by province or name."""
    return services.list_communes(**args)


@blueprint.route("/villages")
class Villages(MethodView):
    @blueprint.arguments(PlaceQuerySchema(only=("commune",)), location="query")
    @blueprint.response(200, VillageSchema(many=True))
    def get(self, args):
        """List villages, by commune."""
        return services.list_villages(args.get("commune"))

    @blueprint.arguments(VillageSchema)
    @blueprint.response(201, VillageSchema)
    def post(self, data):
        """Create a village under a commune."""
        return services.create_village(current_principal(), data)


@blueprint.route("/villages/<int:village_id>")
class VillageItem(MethodView):
    @blueprint.response(200, VillageSchema)
    def get(self, village_id):
        """One village."""
        return services.get_village(village_id)

    @blueprint.arguments(VillageUpdateSchema)
    @blueprint.response(200, VillageSchema)
    def patch(self, data, village_id):
        """Rename a village."""
        return services.update_village(current_principal(), village_id, data)


def _place_routes(kind: str, plural: str) -> None:
    """Register list/create/get/update routes for markets or streets."""

    class Collection(MethodView):
        @blueprint.arguments(PlaceQuerySchema, location="query")
        @blueprint.response(200, PlaceSchema(many=True))
        def get(self, args):
            return services.list_places(kind, **args)

        @blueprint.arguments(PlaceSchema)
        @blueprint.response(201, PlaceSchema)
        def post(self, data):
            return services.create_place(current_principal(), kind, data)

    class Item(MethodView):
        @blueprint.response(200, PlaceSchema)
        def get(self, place_id):
            return services.get_place(kind, place_id)

        @blueprint.arguments(PlaceUpdateSchema)
        @blueprint.response(200, PlaceSchema)
        def patch(self, data, place_id):
            return services.update_place(current_principal(), kind, place_id, data)

    Collection.__name__, Item.__name__ = f"{plural.title()}", f"{kind.title()}Item"
    Collection.get.__doc__, Collection.post.__doc__ = f"List {plural}.", f"Create a {kind}."
    Item.get.__doc__, Item.patch.__doc__ = f"One {kind}.", f"Update a {kind}."
    blueprint.route(f"/{plural}")(Collection)
    blueprint.route(f"/{plural}/<int:place_id>")(Item)


_place_routes("market", "markets")
_place_routes("street", "streets")
