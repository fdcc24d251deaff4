export const NOM_DU_SERVICE = "Espace France Numérique Ensemble";
