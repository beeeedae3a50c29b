/**
 * Sources cited by the engine, and what each one says. Data: the report, the UI and the JSON all
 * quote from here, so a citation is written once.
 */
export interface Source {
  readonly id: string;
  readonly citation: string;
}

export const SOURCES = {
  souza2016: {
    id: 'souza2016',
    citation:
      'Souza RB. An evidence-based videotaped running biomechanics analysis. Phys Med Rehabil Clin N Am 2016;27(1):217-236.',
  },
  dingenen2018: {
    id: 'dingenen2018',
    citation:
      'Dingenen B, Barton C, Janssen T, Benoit A, Malliaras P. Test-retest reliability of two-dimensional video analysis during running. Phys Ther Sport 2018;33:40-47.',
  },
  bramah2018: {
    id: 'bramah2018',
    citation:
      'Bramah C, Preece SJ, Gill N, Herrington L. Is there a pathological gait associated with common soft tissue running injuries? Am J Sports Med 2018;46(12):3023-3031.',
  },
  tengPowers: {
    id: 'tengPowers',
    citation:
      'Teng HL, Powers CM. Sagittal plane trunk posture influences patellofemoral joint stress during running. J Orthop Sports Phys Ther 2014;44(10):785-792.',
  },
  damsted2015: {
    id: 'damsted2015',
    citation:
      'Damsted C, Nielsen RO, Larsen LH. Reliability of video-based quantification of the knee- and hip angle at foot strike during running. Int J Sports Phys Ther 2015;10(2):147-154.',
  },
  jcgm2008: {
    id: 'jcgm2008',
    citation:
      'JCGM 100:2008. Evaluation of measurement data: Guide to the expression of uncertainty in measurement (GUM). BIPM, 2008.',
  },
  murray2018: {
    id: 'murray2018',
    citation:
      'Murray L et al. 2018: 2D foot strike classification (kappa 0.96) and foot inclination reliability (ICC 0.88-0.99).',
  },
  altmanDavis2012: {
    id: 'altmanDavis2012',
    citation:
      'Altman AR, Davis IS. A kinematic method for footstrike pattern detection in barefoot and shod runners. Gait Posture 2012;35(2):298-300.',
  },
  heiderscheit2011: {
    id: 'heiderscheit2011',
    citation:
      'Heiderscheit BC et al. Effects of step rate manipulation on joint mechanics during running. Med Sci Sports Exerc 2011;43(2):296-302.',
  },
  cushmanRho2015: {
    id: 'cushmanRho2015',
    citation:
      'Cushman D, Rho ME. Conservative treatment of subacute proximal hamstring tendinopathy using eccentric exercises performed with a treadmill: a case report. J Orthop Sports Phys Ther 2015;45(7):557-562.',
  },
  winter2009: {
    id: 'winter2009',
    citation: 'Winter DA. Biomechanics and Motor Control of Human Movement, 4th ed. Wiley, 2009.',
  },
  zeni2008: {
    id: 'zeni2008',
    citation:
      'Zeni JA, Richards JG, Higginson JS. Two simple methods for determining gait events during treadmill and overground walking using kinematic data. Gait Posture 2008;27(4):710-714.',
  },
  handsaker2016: {
    id: 'handsaker2016',
    citation:
      'Handsaker JC, Forrester SE, Folland JP, Black MI, Allen SJ. A kinematic algorithm to identify gait events during running at different speeds and with different footstrike types. J Biomech 2016;49(16):4128-4133.',
  },
  leitch2011: {
    id: 'leitch2011',
    citation:
      'Leitch J, Stebbins J, Paolini G, Zavatsky AB. Identifying gait events without a force plate during running: a comparison of methods. Gait Posture 2011;33(1):130-132.',
  },
  goom2016: {
    id: 'goom2016',
    citation:
      'Goom TSH, Malliaras P, Reiman MP, Purdam CR. Proximal hamstring tendinopathy: clinical aspects of assessment and management. J Orthop Sports Phys Ther 2016;46(6):483-493.',
  },
  barton2016: {
    id: 'barton2016',
    citation:
      'Barton CJ, Bonanno DR, Carr J, et al. Running retraining to treat lower limb injuries: a mixed-methods study of current evidence synthesised with expert opinion. Br J Sports Med 2016;50(9):513-526.',
  },
  willy2012: {
    id: 'willy2012',
    citation:
      'Willy RW, Scholz JP, Davis IS. Mirror gait retraining for the treatment of patellofemoral pain in female runners. Clin Biomech 2012;27(10):1045-1051.',
  },
  noehren2011: {
    id: 'noehren2011',
    citation:
      'Noehren B, Scholz J, Davis I. The effect of real-time gait retraining on hip kinematics, pain and function in subjects with patellofemoral pain syndrome. Br J Sports Med 2011;45(9):691-696.',
  },
  mjolsnes2004: {
    id: 'mjolsnes2004',
    citation:
      'Mjolsnes R, Arnason A, Osthagen T, Raastad T, Bahr R. A 10-week randomized trial comparing eccentric vs. concentric hamstring strength training in well-trained soccer players. Scand J Med Sci Sports 2004;14(5):311-317.',
  },
  acsm2009: {
    id: 'acsm2009',
    citation:
      'ACSM (American College of Sports Medicine). Position stand: progression models in resistance training for healthy adults. Med Sci Sports Exerc 2009;41(3):687-708.',
  },
  stridelabDefault: {
    id: 'stridelabDefault',
    citation: 'StrideLab default: no validated cut-off exists [Souza 2016]; the PT can change it.',
  },
  youngBlazePose2023: {
    id: 'youngBlazePose2023',
    citation:
      'Young et al. 2023: BlazePose event timing in running, 10-14 ms on the near foot, worse on the far foot.',
  },
  yegian2019: {
    id: 'yegian2019',
    citation:
      'Yegian AK, Tucker Y, Gillinov S, Lieberman DE. Straight arm walking, bent arm running: gait-specific elbow angles. J Exp Biol 2019;222(13):jeb197228.',
  },
  arellanoKram2014: {
    id: 'arellanoKram2014',
    citation:
      'Arellano CJ, Kram R. The metabolic cost of human running: is swinging the arms worth it? J Exp Biol 2014;217(14):2456-2461.',
  },
  hinrichs1987: {
    id: 'hinrichs1987',
    citation:
      'Hinrichs RN. Upper extremity function in running. II: Angular momentum considerations. Int J Sport Biomech 1987;3(3):242-263.',
  },
  lin2014: {
    id: 'lin2014',
    citation:
      'Lin TY, Maire M, Belongie S, et al. Microsoft COCO: Common objects in context. ECCV 2014 (keypoint evaluation: per-keypoint spread of human annotations, nose 0.026 to hips 0.107 of the object scale).',
  },
  delp1990: {
    id: 'delp1990',
    citation:
      'Delp SL, Loan JP, Hoy MG, Zajac FE, Topp EL, Rosen JM. An interactive graphics-based model of the lower extremity to study orthopaedic surgical procedures. IEEE Trans Biomed Eng 1990;37(8):757-767 (geometry as published in OpenSim gait2392).',
  },
  thelen2005: {
    id: 'thelen2005',
    citation:
      'Thelen DG, Chumanov ES, Hoerth DM, Best TM, Swanson SC, Li L, Young M, Heiderscheit BC. Hamstring muscle kinematics during treadmill sprinting. Med Sci Sports Exerc 2005;37(1):108-114.',
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
